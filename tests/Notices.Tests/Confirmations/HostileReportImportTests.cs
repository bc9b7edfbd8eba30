using Notices.Confirmations;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>
/// Malformed messages to a letter's genuine bounces+ address: <c>dsn import</c> lists each as unmatched with a reason
/// (no exception reaches the user) and records nothing.
/// </summary>
public sealed class HostileReportImportTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [Fact]
    public async Task Malformed_messages_are_unmatched_with_a_reason_and_nothing_is_recorded()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[0];
        var verp = sent.Verp.Address(SentCampaignFixture.CampaignId, x.LetterId, "bounces.example.com");
        const string Person = "Someone <someone@example.net>";
        const string Daemon = "MAILER-DAEMON@mail.example.com";
        string Report(string statusPart) =>
            HostileMail.Head(verp, Daemon, "Undelivered Mail", "multipart/report; report-type=delivery-status; boundary=b1")
            + "--b1\n" + statusPart + "\n--b1--\n";

        var hostile = new (string File, string Text, UnmatchedReason Why)[]
        {
            ("01.nested", HostileMail.Nested(HostileMail.Head(verp, Person, "hej", "multipart/mixed; boundary=n1"), 5_000, HostileMail.FailedStatus),
                UnmatchedReason.NotAReport),
            ("02.huge-header", HostileMail.HugeHeaders(verp, 2 * 1024 * 1024, 10_000, "hej\n"), UnmatchedReason.NotAReport),
            ("03.no-boundary", HostileMail.Head(verp, Person, "Undelivered Mail", "multipart/report; report-type=delivery-status")
                + "--b1\n" + HostileMail.FailedStatus + "--b1--\n", UnmatchedReason.UnconfirmedBounce),
            ("04.garbage-status", Report("Content-Type: message/delivery-status\n\n\u0001 no fields <<<>>>\n"), UnmatchedReason.UnknownAction),
            ("05.bad-base64-status", Report("Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n@@@ !!! ===\n"),
                UnmatchedReason.UnknownAction),
            ("06.no-headers", "this is not mail at all\n", UnmatchedReason.NotAReport),
            ("07.empty", "", UnmatchedReason.NotAReport),
        };
        foreach (var (file, text, _) in hostile)
        {
            c.Deliver(file, text);
        }

        var rows = c.Ledger().Count;

        var result = await c.ImportAsync();

        Assert.Equal(hostile.Select(h => (h.File, h.Why)), result.Unmatched.Select(u => (u.FileName, u.Why)));
        Assert.All(result.Unmatched, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Empty(result.Recorded);
        Assert.Equal(rows, c.Ledger().Count);
    }
}
