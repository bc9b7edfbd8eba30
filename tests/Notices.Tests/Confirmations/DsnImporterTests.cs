using Notices.Model;
using System.Security.Cryptography;
using Notices.Confirmations;
using Notices.Ledger;
using Notices.Runs;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary><see cref="DsnImporter"/> on a real store made by sending the bundled sample campaign.</summary>
public sealed class DsnImporterTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [Fact]
    public async Task Delivered_delayed_and_bounced_reports_are_recorded_and_the_bounce_goes_to_post()
    {
        using var c = sent.Copy();
        var (a, b, x) = (sent.EmailLetters[0], sent.EmailLetters[1], sent.EmailLetters[2]);
        c.Deliver("1795252504.V801I1.mail:2,", sent.Report("postfix-delivered.eml", a, "<d1@mail.example.com>"));
        c.Deliver("1795266909.V801I2.mail", sent.Report("postfix-delayed.eml", b, "<d2@mail.example.com>"));
        c.Deliver("1795252505.V801I3.mail:2,S", sent.Report("postfix-bounced.eml", x, "<d3@mail.example.com>"), "cur");

        var summary = await c.ImportAsync();

        Assert.Equal(3, summary.FilesRead);
        Assert.Equal((1, 1, 1), (summary.Delivered, summary.Delayed, summary.Bounced));
        Assert.Empty(summary.Unmatched);
        Assert.True(summary.EveryBounceCovered);

        var delivered = Assert.Single(c.Ledger(LedgerEventKind.EmailDelivered));
        Assert.Equal(a.LetterId, delivered.LetterId);
        Assert.Equal(a.PatientId, delivered.PatientId);
        var detail = LedgerDetail.Parse(delivered.Detail);
        Assert.Equal("2.0.0", detail["status"]);
        Assert.Equal("delivered", detail["action"]);
        Assert.Equal(a.MessageId, detail["message_id"]);
        Assert.Equal("<d1@mail.example.com>", detail["dsn"]);
        Assert.Equal("1795252504.V801I1.mail:2,", detail["file"]);

        var delayed = LedgerDetail.Parse(Assert.Single(c.Ledger(LedgerEventKind.EmailDelayed)).Detail);
        Assert.Equal(("4.4.1", "delayed"), (delayed["status"], delayed["action"]));

        var bounced = Assert.Single(c.Ledger(LedgerEventKind.EmailBounced));
        Assert.Equal(x.LetterId, bounced.LetterId);
        Assert.Equal("5.1.1", LedgerDetail.Parse(bounced.Detail)["status"]);
        Assert.Equal("1795252505.V801I3.mail:2,S", LedgerDetail.Parse(bounced.Detail)["file"]);

        var projection = c.Project();
        var stateA = projection.Letters.Single(l => l.LetterId == a.LetterId);
        Assert.True(stateA.DeliveredByDsn);
        Assert.Equal(LetterDeliveryState.Sent, stateA.State);
        Assert.Equal(LetterDeliveryState.Sent, projection.Letters.Single(l => l.LetterId == b.LetterId).State);
        var stateX = projection.Letters.Single(l => l.LetterId == x.LetterId);
        Assert.True(stateX.Bounced);
        Assert.Equal(LetterDeliveryState.Printed, stateX.State);
        Assert.Equal(1, projection.DeliveredByDsn);

        // Re-routed: a PrintBatched row after the bounce, in a new batch file holding the letter's pages.
        var batched = c.Ledger(LedgerEventKind.PrintBatched, x.LetterId);
        var row = Assert.Single(batched);
        Assert.True(row.Seq > bounced.Seq);
        var batch = LedgerDetail.Parse(row.Detail)["batch"];
        var rerouted = Assert.Single(summary.Rerouted);
        Assert.Equal((x.LetterId, batch), (rerouted.LetterId, rerouted.Batch));
        Assert.Equal([SentCampaignFixture.CampaignId + "/print/" + batch], summary.PrintBatches);
        var batchPdf = Path.Combine(c.PrintDir, batch);
        Assert.True(File.Exists(batchPdf));
        Assert.Equal(Poppler.Pages(c.LetterPdf(x.LetterId)) + (Poppler.Pages(c.LetterPdf(x.LetterId)) % 2), Poppler.Pages(batchPdf));
        Assert.Contains(x.LetterId, Poppler.RawText(batchPdf), StringComparison.Ordinal);
        Assert.Contains(x.LetterId, File.ReadAllText(Path.Combine(c.PrintDir, "manifest.csv")), StringComparison.Ordinal);

        using var db = StoreSchema.Open(c.DbPath);
        Assert.True(LedgerVerifier.Verify(db).IsValid);
    }

    [Fact]
    public async Task Importing_the_same_maildir_twice_records_nothing_the_second_time()
    {
        using var c = sent.Copy();
        var (a, x) = (sent.EmailLetters[3], sent.EmailLetters[4]);
        c.Deliver("1.a", sent.Report("postfix-delivered.eml", a, "<twice-1@mail.example.com>"));
        c.Deliver("2.x", sent.Report("postfix-bounced.eml", x, "<twice-2@mail.example.com>"));
        // A report without a Message-ID header is keyed by the hash of its file.
        c.Deliver("3.x", sent.Report("plain-bounce.eml", x, "<no-own-id>").Replace("Message-ID: <no-own-id>\n", "", StringComparison.Ordinal));

        var first = await c.ImportAsync();
        var rowsAfterFirst = c.Ledger().Count;
        var batches = Directory.GetFiles(c.PrintDir, "batch-*.pdf").Order(StringComparer.Ordinal).ToList();
        var second = await c.ImportAsync();

        Assert.Equal(3, first.Recorded.Count);
        Assert.StartsWith("sha256:", LedgerDetail.Parse(c.Ledger(LedgerEventKind.EmailBounced)[^1].Detail)["dsn"], StringComparison.Ordinal);
        Assert.Single(first.Rerouted);
        Assert.Empty(second.Recorded);
        Assert.Empty(second.Rerouted);
        Assert.Equal(["1.a", "2.x", "3.x"], second.AlreadyImported);
        Assert.Equal(rowsAfterFirst, c.Ledger().Count);
        Assert.Equal(batches, Directory.GetFiles(c.PrintDir, "batch-*.pdf").Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Unmatched_messages_are_reported_with_a_reason_and_left_byte_identical()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[5];
        var files = new[]
        {
            c.Deliver("10.autoreply", sent.Report("autoreply.eml", a, "<auto@patients.test>")),
            c.Deliver("11.noverp", DsnFixtures.Text("no-verp-bounced.eml")),
            c.Deliver("12.unknown", DsnFixtures.For("postfix-bounced.eml", "FA830-DK-999999", DsnFixtures.FixtureTag, a.MessageId, "<u@mail.example.com>"), "cur"),
            c.Deliver("13.person", "From: someone@example.com\nTo: bounces+" + a.LetterId + "@bounces.example.com\nSubject: Spørgsmål\n\nHej\n"),
        };
        var before = files.ToDictionary(f => f, f => SHA256.HashData(File.ReadAllBytes(f)));
        var listing = Listing(c.Maildir);
        var rows = c.Ledger().Count;

        var summary = await c.ImportAsync();

        Assert.Equal(4, summary.FilesRead);
        Assert.Empty(summary.Recorded);
        Assert.Equal(
            [
                ("10.autoreply", "not a delivery report or bounce"),
                ("11.noverp", "no bounces+<letter-id> address in Delivered-To, X-Original-To, To or Envelope-To"),
                ("12.unknown", "unknown letter id FA830-DK-999999"),
                ("13.person", "not a delivery report or bounce"),
            ],
            summary.Unmatched.Select(u => (u.FileName, u.Reason)));
        Assert.Equal(
            [UnmatchedReason.NotAReport, UnmatchedReason.NoVerpAddress, UnmatchedReason.UnknownLetter, UnmatchedReason.NotAReport],
            summary.Unmatched.Select(u => u.Why));
        Assert.Equal(rows, c.Ledger().Count);
        Assert.Equal(listing, Listing(c.Maildir));
        foreach (var (file, hash) in before)
        {
            Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public async Task A_report_about_a_letter_that_only_went_by_post_is_not_recorded()
    {
        using var c = sent.Copy();
        var posted = sent.PostLetterIds[0];
        c.Deliver("15.post", DsnFixtures.For("postfix-delivered.eml", posted, sent.Tag(posted), DsnFixtures.SentMessageId, "<pd@mail.example.com>"));

        var summary = await c.ImportAsync();

        Assert.Empty(summary.Recorded);
        Assert.Equal([("15.post", $"letter {posted} was never sent by email")], summary.Unmatched.Select(u => (u.FileName, u.Reason)));
        Assert.Equal(LetterDeliveryState.Printed, c.State(posted).State);
        Assert.False(c.State(posted).DeliveredByDsn);
    }

    [Fact]
    public async Task No_address_ever_reaches_the_ledger()
    {
        using var c = sent.Copy();
        var (a, x, y) = (sent.EmailLetters[6], sent.EmailLetters[7], sent.EmailLetters[8]);
        c.Deliver("20", sent.Report("postfix-bounced.eml", a, "<r1@mail.example.com>"));
        c.Deliver("21", sent.Report("exchange-bounced-base64.eml", x, "<r2@mail.example.com>"));
        c.Deliver("22", sent.Report("plain-bounce.eml", y, "<r3@mail.example.com>"));

        var summary = await c.ImportAsync();

        Assert.Equal(3, summary.Bounced);
        var reports = c.Ledger(LedgerEventKind.EmailBounced);
        Assert.Contains("<redacted>", LedgerDetail.Parse(reports[0].Detail)["diagnostic"], StringComparison.Ordinal);
        Assert.Equal("5.2.2", LedgerDetail.Parse(reports[1].Detail)["status"]);
        Assert.Equal("unknown", LedgerDetail.Parse(reports[2].Detail)["status"]);
        var everything = string.Join("\n", c.Ledger().Select(e => e.Detail));
        foreach (var leak in new[] { "soeren.thomsen", "Soeren.Thomsen", "karen.holm", "hans.moeller", "@patients.test", "@hospital-mail", "@oldmail" })
        {
            Assert.DoesNotContain(leak, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_bounced_letter_without_postal_address_or_pdf_is_reported_and_stays_failed()
    {
        using var c = sent.Copy();
        var (noAddress, noPdf, fine) = (sent.EmailLetters[9], sent.EmailLetters[10], sent.EmailLetters[11]);
        RemoveAddress(c, noAddress.LetterId);
        File.Delete(c.LetterPdf(noPdf.LetterId));
        c.Deliver("30", sent.Report("postfix-bounced.eml", noAddress, "<n1@mail.example.com>"));
        c.Deliver("31", sent.Report("postfix-bounced.eml", noPdf, "<n2@mail.example.com>"));
        c.Deliver("32", sent.Report("postfix-bounced.eml", fine, "<n3@mail.example.com>"));

        var summary = await c.ImportAsync();

        Assert.False(summary.EveryBounceCovered);
        Assert.Equal(
            [(noAddress.LetterId, "no postal address"), (noPdf.LetterId, "letter PDF missing")],
            summary.NotRerouted.Select(n => (n.LetterId, n.Reason)).Order());
        Assert.Equal([fine.LetterId], summary.Rerouted.Select(r => r.LetterId));
        Assert.Equal(LetterDeliveryState.Failed, c.State(noAddress.LetterId).State);
        Assert.Equal(LetterDeliveryState.Failed, c.State(noPdf.LetterId).State);
        Assert.StartsWith("email bounced", c.State(noPdf.LetterId).Detail, StringComparison.Ordinal);
        Assert.Equal(LetterDeliveryState.Printed, c.State(fine.LetterId).State);
        Assert.Empty(c.Ledger(LedgerEventKind.PrintBatched, noAddress.LetterId));

        // Once the PDF is back, the next import posts the letter without recording the bounce again.
        File.Copy(PdfOfSameCampaign(c, noPdf.LetterId), c.LetterPdf(noPdf.LetterId));
        var again = await c.ImportAsync();
        Assert.Empty(again.Recorded);
        Assert.Equal([(noAddress.LetterId, "no postal address")], again.NotRerouted.Select(n => (n.LetterId, n.Reason)));
    }

    [Fact]
    public async Task Without_print_fallback_a_bounced_letter_stays_failed()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[12];
        c.Deliver("40", sent.Report("postfix-bounced.eml", x, "<f1@mail.example.com>"));
        var batchesBefore = Directory.GetFiles(c.PrintDir, "batch-*.pdf").Length;

        var summary = await c.ImportAsync(printFallback: false);

        Assert.Equal(1, summary.Bounced);
        Assert.Equal([(x.LetterId, "print fallback turned off")], summary.NotRerouted.Select(n => (n.LetterId, n.Reason)));
        Assert.Equal(LetterDeliveryState.Failed, c.State(x.LetterId).State);
        Assert.Equal(batchesBefore, Directory.GetFiles(c.PrintDir, "batch-*.pdf").Length);
    }

    [Fact]
    public async Task A_letter_already_printed_is_not_printed_again_on_a_later_bounce()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[13];
        c.Deliver("50", sent.Report("postfix-bounced.eml", x, "<p1@mail.example.com>"));
        await c.ImportAsync();
        c.Deliver("51", sent.Report("exchange-bounced-base64.eml", x, "<p2@mail.example.com>"));

        var later = await c.ImportAsync();

        Assert.Equal(1, later.Bounced);
        Assert.Empty(later.Rerouted);
        Assert.Empty(later.NotRerouted);
        Assert.Single(c.Ledger(LedgerEventKind.PrintBatched, x.LetterId));
        Assert.Equal(LetterDeliveryState.Printed, c.State(x.LetterId).State);
    }

    [Fact]
    public async Task A_lower_case_verp_address_matches_the_letter()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[15];
        var report = sent.Report("exchange-bounced-base64.eml", x, "<l1@mail.example.com>");
        Assert.Contains("bounces+" + x.LetterId.ToLowerInvariant() + "." + sent.Tag(x.LetterId) + "@", report, StringComparison.Ordinal);
        c.Deliver("70", report);

        var summary = await c.ImportAsync();

        Assert.Equal(x.LetterId, Assert.Single(summary.Recorded).LetterId);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_maildir_is_refused()
    {
        using var c = sent.Copy();
        using var db = StoreSchema.Open(c.DbPath);
        var options = new DsnImportOptions { MaildirPath = c.OutDir };

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new DsnImporter(db).ImportAsync(options, CancellationToken.None));
    }

    private static void RemoveAddress(SentCampaign c, string letterId)
    {
        using var db = StoreSchema.Open(c.DbPath);
        var record = db.Letters.Single(l => l.LetterId == letterId);
        var planned = LetterSnapshot.FromJson(record.SnapshotJson);
        record.SnapshotJson = LetterSnapshot.ToJson(planned with
        {
            Recipient = planned.Recipient with { AddressLine1 = null, PostalCode = null, City = null },
        });
        db.SaveChanges();
    }

    /// <summary>The deleted PDF, restored from the fixture's untouched template copy.</summary>
    private string PdfOfSameCampaign(SentCampaign c, string letterId)
    {
        using var pristine = sent.Copy();
        var target = Path.Combine(c.Dir.Path, letterId + ".restored.pdf");
        File.Copy(pristine.LetterPdf(letterId), target);
        return target;
    }

    private static List<string> Listing(string maildir) =>
        Directory.EnumerateFiles(maildir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(maildir, f)).Order(StringComparer.Ordinal).ToList();
}
