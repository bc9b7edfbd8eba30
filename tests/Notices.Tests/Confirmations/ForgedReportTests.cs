using Notices.Model;
using Notices.Confirmations;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>
/// Forged delivery reports (issue 8: 7 of 11 were recorded as EmailBounced and re-routed to print). Each is listed as
/// unmatched with its reason; none adds a ledger row, a print batch, or changes a letter's state.
/// </summary>
public sealed class ForgedReportTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    private const string OtherCampaign = "fa999-other-dk";
    private const string OtherLetter = "FA999-DK-000001";
    private const string OtherMessageId = "<FA999-DK-000001.fedcba9876543210@bounces.example.com>";

    [Fact]
    public async Task Forged_reports_are_listed_with_their_reason_and_nothing_is_recorded_or_rerouted()
    {
        using var c = sent.Copy();
        AddOtherCampaignEmail(c);
        var (x, a, b) = (sent.EmailLetters[0], sent.EmailLetters[1], sent.EmailLetters[2]);
        var otherKey = new VerpSigner("a-key-that-send-never-used-for-this-store"u8);
        var forged = new (string File, string Text, UnmatchedReason Why)[]
        {
            ("01.unsigned", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, null, x.MessageId, "<f01@evil.test>")), UnmatchedReason.UnsignedVerp),
            ("02.wrong-tag", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, "aaaaaaaaaaaaaaaa", x.MessageId, "<f02@evil.test>")), UnmatchedReason.BadTag),
            ("03.bad-shape-tag", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, "not-a-tag", x.MessageId, "<f03@evil.test>")), UnmatchedReason.BadTag),
            // A's genuine tag (the forger got A's letter) with B's id and B's Message-ID.
            ("04.tag-of-a-for-b", Evil(DsnFixtures.For("postfix-bounced.eml", b.LetterId, sent.Tag(a.LetterId), b.MessageId, "<f04@evil.test>")), UnmatchedReason.BadTag),
            ("05.other-key", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, otherKey.Tag(SentCampaignFixture.CampaignId, x.LetterId), x.MessageId, "<f05@evil.test>")), UnmatchedReason.BadTag),
            // x's genuine address, but the returned Message-ID is another campaign's letter's.
            ("06.other-campaign-id", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, sent.Tag(x.LetterId), OtherMessageId, "<f06@evil.test>")), UnmatchedReason.MessageIdNotRecorded),
            ("07.never-recorded-id", Evil(DsnFixtures.For("postfix-delivered.eml", x.LetterId, sent.Tag(x.LetterId), "<FA830-DK-000001.1111111111111111@bounces.example.com>", "<f07@evil.test>")), UnmatchedReason.MessageIdNotRecorded),
            ("08.other-letters-id", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, sent.Tag(x.LetterId), a.MessageId, "<f08@evil.test>")), UnmatchedReason.MessageIdNotRecorded),
            ("09.envelope-id", EnvelopeIdReport(x.LetterId, sent.Tag(x.LetterId), a.MessageId.Trim('<', '>').Replace("@", "+40", StringComparison.Ordinal), "<f09@evil.test>"), UnmatchedReason.MessageIdNotRecorded),
            // No delivery-status part: unsigned, as the finding's; then x's genuine tag but nothing returned and not from a mail system.
            ("10.no-dsn-unsigned", BareBounce("bounces+" + x.LetterId + "@bounces.example.com", "MAILER-DAEMON@evil.test", null), UnmatchedReason.UnsignedVerp),
            ("11.no-dsn-person", BareBounce(sent.Verp.Address(SentCampaignFixture.CampaignId, x.LetterId, "bounces.example.com"), "Mallory <mallory@evil.test>", null), UnmatchedReason.UnconfirmedBounce),
            ("12.no-dsn-other-id", BareBounce(sent.Verp.Address(SentCampaignFixture.CampaignId, x.LetterId, "bounces.example.com"), "MAILER-DAEMON@evil.test", a.MessageId), UnmatchedReason.MessageIdNotRecorded),
            ("13.other-campaign-letter", Evil(DsnFixtures.For("postfix-bounced.eml", OtherLetter, sent.Tag(x.LetterId), OtherMessageId, "<f13@evil.test>")), UnmatchedReason.BadTag),
        };
        foreach (var (file, text, _) in forged)
        {
            c.Deliver(file, text);
        }

        var rows = c.Ledger().Count;
        var states = c.Project().Letters.Select(l => (l.LetterId, l.State, l.LastEvent)).ToList();
        var batches = c.PrintBatchFiles();
        var manifest = File.ReadAllText(Path.Combine(c.PrintDir, "manifest.csv"));

        var result = await c.ImportAsync();

        Assert.Equal(forged.Select(f => (f.File, f.Why)), result.Unmatched.Select(u => (u.FileName, u.Why)));
        Assert.All(result.Unmatched, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Empty(result.Recorded);
        Assert.Empty(result.AlreadyImported);
        Assert.Empty(result.Summary.MatchedCampaigns);
        Assert.Empty(result.Rerouted);
        Assert.Empty(result.NotRerouted);
        Assert.Equal(rows, c.Ledger().Count);
        Assert.Equal(states, c.Project().Letters.Select(l => (l.LetterId, l.State, l.LastEvent)).ToList());
        Assert.Equal(batches, c.PrintBatchFiles());
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(c.PrintDir, "manifest.csv")));
    }

    [Fact]
    public async Task Reasons_name_the_problem_without_any_address_of_the_patient()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[3];
        c.Deliver("1", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, null, x.MessageId, "<r1@evil.test>")));
        c.Deliver("2", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, "aaaaaaaaaaaaaaaa", x.MessageId, "<r2@evil.test>")));
        c.Deliver("3", Evil(DsnFixtures.For("postfix-bounced.eml", x.LetterId, sent.Tag(x.LetterId), OtherMessageId, "<r3@evil.test>")));
        c.Deliver("4", BareBounce(sent.Verp.Address(SentCampaignFixture.CampaignId, x.LetterId, "bounces.example.com"), "Mallory <mallory@evil.test>", null));

        var result = await c.ImportAsync();

        Assert.Equal(
            [
                $"unsigned VERP address: bounces+{x.LetterId} carries no tag",
                $"VERP tag is not letter {x.LetterId}'s (forged, or signed with another key)",
                $"Message-ID {OtherMessageId} was never recorded for letter {x.LetterId}",
                "bounce without delivery-status part or returned Message-ID, not from a mail system",
            ],
            result.Unmatched.Select(u => u.Reason));
        Assert.DoesNotContain(result.Unmatched, u => u.Reason.Contains("patients.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_whose_envelope_id_is_the_letter_id_is_recorded_and_one_naming_another_letter_is_not()
    {
        using var c = sent.Copy();
        var (x, y) = (sent.EmailLetters[6], sent.EmailLetters[7]);
        // The SMTP channel sends ENVID=<letter id> (RFC 3461); Postfix returns it as Original-Envelope-Id.
        c.Deliver("e1", EnvelopeIdReport(x.LetterId, sent.Tag(x.LetterId), x.LetterId, "<e1@mail.example.com>"));
        c.Deliver("e2", EnvelopeIdReport(y.LetterId, sent.Tag(y.LetterId), x.LetterId, "<e2@evil.test>"));

        var result = await c.ImportAsync();

        Assert.Equal([(x.LetterId, LedgerEventKind.EmailBounced)], result.Recorded.Select(r => (r.LetterId, r.Kind)));
        Assert.Equal([("e2", UnmatchedReason.MessageIdNotRecorded)], result.Unmatched.Select(u => (u.FileName, u.Why)));
    }

    [Fact]
    public async Task Genuine_reports_without_a_returned_message_id_or_with_a_matching_envelope_id_are_recorded()
    {
        using var c = sent.Copy();
        var (x, y) = (sent.EmailLetters[4], sent.EmailLetters[5]);
        var address = sent.Verp.Address(SentCampaignFixture.CampaignId, x.LetterId, "bounces.example.com");
        // A real MTA's plain bounce: null sender, nothing of the original returned. The valid tag is all there is.
        c.Deliver("g1", BareBounce(address, "Mail Delivery Subsystem <mailer-daemon@oldmail.example.com>", null, nullSender: true));
        c.Deliver("g2", EnvelopeIdReport(y.LetterId, sent.Tag(y.LetterId), y.MessageId.Trim('<', '>').Replace("@", "+40", StringComparison.Ordinal), "<g2@mail.example.com>"));

        var result = await c.ImportAsync();

        Assert.Empty(result.Unmatched);
        Assert.Equal([(x.LetterId, LedgerEventKind.EmailBounced), (y.LetterId, LedgerEventKind.EmailBounced)], result.Recorded.Select(r => (r.LetterId, r.Kind)));
        Assert.Equal(y.MessageId, LedgerDetail.Parse(Assert.Single(c.Ledger(LedgerEventKind.EmailBounced, y.LetterId)).Detail)["message_id"]);
        Assert.Equal([x.LetterId, y.LetterId], result.Rerouted.Select(r => r.LetterId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_report_whose_message_id_matches_the_sending_intent_resolves_an_uncertain_letter()
    {
        using var c = sent.Copy();
        const string Uncertain = "FA830-DK-900001";
        const string MessageId = "<FA830-DK-900001.2222222222222222@bounces.example.com>";
        using (var db = StoreSchema.Open(c.DbPath))
        using (var ledger = new LedgerWriter(db))
        {
            // Handed to the server, then the run died: the intent is the only email event.
            ledger.Append(SentCampaignFixture.CampaignId, Uncertain, "P-900001", new LetterRendered("00", 4, Uncertain + ".pdf", false, "2026-11-21"));
            ledger.Append(SentCampaignFixture.CampaignId, Uncertain, "P-900001", new EmailSending(MessageId, EmailTransport.Smtp, "00"));
            ledger.Flush();
        }

        c.Deliver("u1", DsnFixtures.For("postfix-delivered.eml", Uncertain, sent.Tag(Uncertain), MessageId, "<u1@mail.example.com>"));
        c.Deliver("u2", DsnFixtures.For("postfix-delivered.eml", Uncertain, sent.Tag(Uncertain), "<FA830-DK-900001.3333333333333333@bounces.example.com>", "<u2@mail.example.com>"));

        var result = await c.ImportAsync();

        var recorded = Assert.Single(result.Recorded);
        Assert.Equal(("u1", Uncertain, LedgerEventKind.EmailDelivered), (recorded.FileName, recorded.LetterId, recorded.Kind));
        Assert.Equal(MessageId, LedgerDetail.Parse(Assert.Single(c.Ledger(LedgerEventKind.EmailDelivered, Uncertain)).Detail)["message_id"]);
        Assert.Equal([("u2", UnmatchedReason.MessageIdNotRecorded)], result.Unmatched.Select(u => (u.FileName, u.Why)));
    }

    /// <summary>Another campaign in the same store, with an email whose Message-ID a forger puts in a report.</summary>
    private static void AddOtherCampaignEmail(SentCampaign c)
    {
        using var db = StoreSchema.Open(c.DbPath);
        using var ledger = new LedgerWriter(db);
        ledger.Append(OtherCampaign, OtherLetter, "P-OTHER", new EmailWritten(OtherMessageId, OtherLetter + ".eml", "00"));
        ledger.Flush();
    }

    /// <summary>The report as the issue's forger sent it: from MAILER-DAEMON@evil.test.</summary>
    private static string Evil(string report) =>
        report.Replace("From: MAILER-DAEMON@mail.example.com (Mail Delivery System)", "From: MAILER-DAEMON@evil.test", StringComparison.Ordinal);

    /// <summary>A bounce with no delivery-status part, no attachment, optionally quoting a Message-ID in its text.</summary>
    private static string BareBounce(string deliveredTo, string from, string? quotedMessageId, bool nullSender = false) =>
        (nullSender ? "Return-Path: <>\n" : "Return-Path: <mallory@evil.test>\n")
        + "Delivered-To: " + deliveredTo + "\n"
        + "From: " + from + "\n"
        + "To: " + deliveredTo + "\n"
        + "Subject: Returned mail: see transcript for details\n"
        + "Message-ID: <bare." + Guid.NewGuid().ToString("N") + "@evil.test>\n"
        + "Content-Type: text/plain; charset=utf-8\n\n"
        + "Your message could not be delivered.\n"
        + (quotedMessageId is null ? "" : "\n------ Original message headers ------\nMessage-ID: " + quotedMessageId + "\n");

    /// <summary>An RFC 3464 report that returns no headers but names the message by Original-Envelope-Id (xtext).</summary>
    private static string EnvelopeIdReport(string letterId, string tag, string envelopeId, string reportId) =>
        "Return-Path: <>\n"
        + $"Delivered-To: bounces+{letterId}.{tag}@bounces.example.com\n"
        + "From: MAILER-DAEMON@mail.example.com\n"
        + "Subject: Undelivered Mail Returned to Sender\n"
        + "Message-ID: " + reportId + "\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=b1\n\n"
        + "--b1\nContent-Type: text/plain\n\nIt could not be delivered.\n"
        + "--b1\nContent-Type: message/delivery-status\n\n"
        + "Reporting-MTA: dns; mail.example.com\nOriginal-Envelope-Id: " + envelopeId + "\n\n"
        + "Final-Recipient: rfc822; someone@patients.test\nAction: failed\nStatus: 5.1.1\n\n"
        + "--b1--\n";
}
