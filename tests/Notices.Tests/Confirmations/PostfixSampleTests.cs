using Notices.Model;
using System.Text.RegularExpressions;
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
        // The capture was made out for another letter (and, before signed VERP, without a tag): aim it at x, with
        // x's signed address and x's Message-ID, as Postfix would have returned x's own email.
        c.Deliver("captured-bounce", ForLetter("postfix-bounced.eml", x.LetterId, sent.Tag(x.LetterId), x.MessageId));

        var summary = await c.ImportAsync();

        var recorded = Assert.Single(summary.Recorded);
        Assert.Equal((x.LetterId, LedgerEventKind.EmailBounced), (recorded.LetterId, recorded.Kind));
        Assert.Equal(x.LetterId, Assert.Single(summary.Rerouted).LetterId);
        Assert.Equal(LetterDeliveryState.Printed, c.State(x.LetterId).State);
    }

    [PostfixSampleFact("postfix-bounced.eml")]
    public async Task Captured_bounce_to_an_unsigned_address_is_not_recorded()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[1];
        var batches = c.PrintBatchFiles();
        c.Deliver("captured-unsigned", ForLetter("postfix-bounced.eml", x.LetterId, tag: null, x.MessageId));

        var summary = await c.ImportAsync();

        Assert.Empty(summary.Recorded);
        Assert.Equal(UnmatchedReason.UnsignedVerp, Assert.Single(summary.Unmatched).Why);
        Assert.Empty(c.Ledger(LedgerEventKind.EmailBounced));
        Assert.Equal(batches, c.PrintBatchFiles());
    }

    /// <summary>The capture with its VERP addresses (signed or not) and its returned Message-ID made out for one letter.</summary>
    private static string ForLetter(string sample, string letterId, string? tag, string messageId)
    {
        var text = System.Text.Encoding.UTF8.GetString(Sample(sample));
        var address = "bounces+" + letterId + (tag is null ? "" : "." + tag) + "@";
        text = Regex.Replace(text, @"bounces\+FA830-DK-\d{6}(\.[a-z2-7]{16})?@", address.Replace("$", "$$", StringComparison.Ordinal));
        return Regex.Replace(text, @"<FA830-DK-\d{6}\.[0-9a-f]+@[^<>\s]+>", messageId.Replace("$", "$$", StringComparison.Ordinal));
    }

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(DsnFixtures.SamplesFolder, name));
}
