using Notices.Model;
using System.Globalization;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// One recipient is greylisted by the test Postfix (a <c>check_recipient_access</c> rule that answers 4xx at RCPT every
/// time): that letter alone is deferred and stays pending; the server stays in use for every other letter.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpGreylistTests
{
    private const int Patients = 50;
    private const int GreylistedPatient = 2;

    private static IReadOnlyList<int> EmailPatients => Enumerable.Range(1, Patients).Where(SmtpCampaignData.HasEmail).ToList();

    // 451 comes from System.Net.Mail as a plain SmtpException, 450 as SmtpFailedRecipientException: both must stay local.
    [Theory]
    [InlineData(PostfixServer.Greylisted451, "451 4.7.1")]
    [InlineData(PostfixServer.Greylisted450, "450 4.2.0")]
    public void A_greylisted_recipient_defers_only_its_own_letter_and_every_other_email_goes_out(string greylisted, string status)
    {
        using var workspace = new SmtpCampaignWorkspace(Patients, n => n == GreylistedPatient
            ? greylisted
            : string.Create(CultureInfo.InvariantCulture, $"p{n}@patients.test"));

        // Two connections at 10 messages/s: the greylisted letter's retries end while most letters are still queued,
        // so a run that gave up on the server because of it would defer those letters too.
        var send = workspace.Send(PostfixServer.SmtpUrl, "--connections", "2", "--max-rate", "10", "--smtp-attempts", "3");

        Assert.True(send.ExitCode == 3, send.All);
        Assert.Contains("fejl: 1 email letters were not accepted by the SMTP server and stay pending", send.StdErr, StringComparison.Ordinal);
        var letterId = workspace.Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.PatientId(GreylistedPatient)}'");
        Assert.Equal("LetterRendered,EmailSending,EmailDeferred", Kinds(workspace, letterId));
        var deferred = workspace.Scalar($"SELECT Detail FROM ledger WHERE Kind = 'EmailDeferred' AND LetterId = '{letterId}'");
        Assert.Contains($"\"status\":\"{status}\"", deferred, StringComparison.Ordinal);
        Assert.Contains("\"attempts\":3", deferred, StringComparison.Ordinal);
        Assert.DoesNotContain(greylisted.Split('@')[0] + "@", deferred, StringComparison.Ordinal); // the server's text quotes the address
        Assert.Equal("1", workspace.Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'EmailDeferred'"));
        Assert.Equal(N(EmailPatients.Count - 1), workspace.Scalar("SELECT COUNT(DISTINCT LetterId) FROM ledger WHERE Kind = 'EmailAccepted'"));
        AssertEveryOtherEmailArrivedOnce();

        // Pending means the next send tries exactly that letter again (and it is still greylisted).
        var again = workspace.Send(PostfixServer.SmtpUrl, "--smtp-attempts", "1");

        Assert.True(again.ExitCode == 3, again.All);
        Assert.Contains("fejl: 1 email letters were not accepted", again.StdErr, StringComparison.Ordinal);
        Assert.Equal("LetterRendered,EmailSending,EmailDeferred,EmailSending,EmailDeferred", Kinds(workspace, letterId));
        // Both tries carry the one Message-ID the letter has.
        Assert.Equal("1", workspace.Scalar($"SELECT COUNT(DISTINCT json_extract(Detail, '$.message_id')) FROM ledger WHERE Kind = 'EmailSending' AND LetterId = '{letterId}'"));
        Assert.Equal(N(EmailPatients.Count - 1), workspace.Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'EmailAccepted'"));
        AssertEveryOtherEmailArrivedOnce();
    }

    private static void AssertEveryOtherEmailArrivedOnce()
    {
        var expected = EmailPatients.Where(n => n != GreylistedPatient)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"p{n}@patients.test"))
            .Order(StringComparer.Ordinal)
            .ToList();
        PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, expected.Count, TimeSpan.FromSeconds(60));
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        var recipients = PostfixServer.MessageFiles(PostfixServer.PatientsMaildir)
            .Select(f => PostfixServer.LoadMessage(f).Headers["X-Original-To"])
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, recipients);
    }

    private static string Kinds(SmtpCampaignWorkspace workspace, string letterId) =>
        workspace.Scalar($"SELECT group_concat(Kind, ',') FROM (SELECT Kind FROM ledger WHERE LetterId = '{letterId}' ORDER BY Seq)");

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
