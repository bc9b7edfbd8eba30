using Notices.Model;
using Notices.Confirmations;
using Notices.Ledger;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>Reports captured from a real Postfix (Samples/postfix-*.eml), read and imported.</summary>
public sealed class PostfixSampleTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [PostfixSampleFact("postfix-delivered.eml")]
    public void Captured_delivery_report_is_delivered()
    {
        var report = ConfirmationReader.Read(Sample("postfix-delivered.eml"));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Delivered, report.Outcome);
        Assert.StartsWith("2.", report.Status, StringComparison.Ordinal);
        Assert.Matches(@"^FA830-DK-\d{6}$", report.VerpLetterId);
        Assert.Matches(@"^<" + report.VerpLetterId + @"\.[0-9a-f]+@", report.OriginalMessageId);
        Assert.DoesNotContain("@", report.Diagnostic ?? "", StringComparison.Ordinal);
    }

    [PostfixSampleFact("postfix-bounced.eml")]
    public void Captured_bounce_is_failed_and_its_diagnostic_holds_no_address()
    {
        var report = ConfirmationReader.Read(Sample("postfix-bounced.eml"));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("failed", report.Action);
        Assert.Matches(@"^[45]\.\d+\.\d+$", report.Status);
        Assert.Matches(@"^FA830-DK-\d{6}$", report.VerpLetterId);
        Assert.NotNull(report.OriginalMessageId);
        Assert.DoesNotContain("@", report.Diagnostic ?? "", StringComparison.Ordinal);
    }

    [PostfixSampleFact("postfix-bounced.eml")]
    public async Task Captured_bounce_imports_for_a_sent_letter_and_the_letter_goes_to_post()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[0];
        var captured = MimeReader.Parse(Sample("postfix-bounced.eml"));
        var capturedId = VerpAddress.FindLetterId(captured.Headers)!;
        var text = System.Text.Encoding.UTF8.GetString(Sample("postfix-bounced.eml")).Replace(capturedId, x.LetterId, StringComparison.Ordinal);
        c.Deliver("captured-bounce", text);

        var summary = await c.ImportAsync();

        var recorded = Assert.Single(summary.Recorded);
        Assert.Equal((x.LetterId, LedgerEventKind.EmailBounced), (recorded.LetterId, recorded.Kind));
        Assert.Equal(x.LetterId, Assert.Single(summary.Rerouted).LetterId);
        Assert.Equal(LetterDeliveryState.Printed, c.State(x.LetterId).State);
    }

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(DsnFixtures.SamplesFolder, name));
}
