using Microsoft.EntityFrameworkCore;
using Notices.Acknowledgements;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Confirmations;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary><see cref="ReplyImporter"/> on a real store made by sending the bundled sample campaign (pickup .eml).</summary>
public sealed class ReplyImporterTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    private const string Campaign = SentCampaignFixture.CampaignId;
    private static readonly string Today = ReplyMessages.MinutesAgo(5);

    private string ReplyTo(string letterId) => sent.Verp.ReplyAddress(Campaign, letterId, "replies.example.com");

    private static string PatientEmail(SentCampaign c, string patientId)
    {
        using var db = StoreSchema.Open(c.DbPath);
        return db.Patients.AsNoTracking().Single(p => p.PatientId == patientId).Email!;
    }

    private ReplyImportSummary Import(SentCampaign c)
    {
        using var db = StoreSchema.Open(c.DbPath);
        return new ReplyImporter(db, sent.Verp).Import(c.Maildir);
    }

    [Fact]
    public void Every_sent_email_has_its_own_signed_reply_to()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        var eml = Directory.EnumerateFiles(Path.Combine(c.OutDir, Campaign, "email"), "*.eml")
            .Select(File.ReadAllText).Single(t => t.Contains(a.MessageId, StringComparison.Ordinal));

        Assert.Contains("Reply-To: " + ReplyTo(a.LetterId), eml, StringComparison.Ordinal);
        Assert.DoesNotContain("Reply-To: fsn-svar@", eml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_to_the_signed_address_is_recorded_once_with_method_email_and_its_message_id()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        c.Deliver("1795400000.V801I1.mail", ReplyMessages.Reply(ReplyTo(a.LetterId), "Someone <someone-else@example.net>", "Re: brevet",
            messageId: "<r1@example.net>", date: Today));

        var first = Import(c);

        var recorded = Assert.Single(first.Recorded);
        Assert.Equal((a.LetterId, "1795400000.V801I1.mail"), (recorded.LetterId, recorded.FileName));
        Assert.Empty(first.Unmatched);
        var entry = Assert.Single(c.Ledger(LedgerEventKind.Acknowledged));
        var ack = Assert.IsType<Acknowledged>(entry.ReadEvent());
        Assert.Equal((AckMethod.Email, AckSource.EmailReply, "<r1@example.net>"), (ack.Method, ack.Source, ack.Reference));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now.AddMinutes(-5)), ack.ReceivedOn);
        Assert.Equal(a.PatientId, entry.PatientId);

        var again = Import(c);
        Assert.Empty(again.Recorded);
        Assert.Equal(["1795400000.V801I1.mail"], again.AlreadyRecorded);
        Assert.Single(c.Ledger(LedgerEventKind.Acknowledged));
    }

    [Fact]
    public void Forged_tags_are_unmatched_and_never_rescued_by_a_letter_id_in_the_subject()
    {
        using var c = sent.Copy();
        var (a, b) = (sent.EmailLetters[0], sent.EmailLetters[1]);
        var from = PatientEmail(c, a.PatientId);
        var otherLettersTag = $"svar+{a.LetterId}.{sent.Verp.ReplyTag(Campaign, b.LetterId)}@replies.example.com";
        var bounceTag = $"svar+{a.LetterId}.{sent.Tag(a.LetterId)}@replies.example.com";
        c.Deliver("1.other-tag", ReplyMessages.Reply(otherLettersTag, from, "Re: " + a.LetterId, messageId: "<f1@x>", date: Today));
        c.Deliver("2.bounce-tag", ReplyMessages.Reply(bounceTag, from, "Re: " + a.LetterId, messageId: "<f2@x>", date: Today));
        c.Deliver("3.no-tag", ReplyMessages.Reply($"svar+{a.LetterId}@replies.example.com", from, "Re: " + a.LetterId, messageId: "<f3@x>", date: Today));
        c.Deliver("4.unknown", ReplyMessages.Reply($"svar+FA830-DK-999999.{sent.Verp.ReplyTag(Campaign, "FA830-DK-999999")}@replies.example.com", from, "Re", messageId: "<f4@x>", date: Today));

        var summary = Import(c);

        Assert.Empty(summary.Recorded);
        Assert.Equal(
            [("1.other-tag", ReplyUnmatchedReason.BadTag), ("2.bounce-tag", ReplyUnmatchedReason.BadTag),
             ("3.no-tag", ReplyUnmatchedReason.BadTag), ("4.unknown", ReplyUnmatchedReason.UnknownLetter)],
            summary.Unmatched.Select(u => (u.FileName, u.Why)));
        Assert.Empty(c.Ledger(LedgerEventKind.Acknowledged));
        Assert.All(summary.Unmatched, u => Assert.DoesNotContain("@", u.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_letter_id_counts_only_from_the_patients_own_address_and_a_reminder_id_acknowledges_the_original()
    {
        using var c = sent.Copy();
        var (a, b) = (sent.EmailLetters[0], sent.EmailLetters[1]);
        var patientA = PatientEmail(c, a.PatientId);
        // The patient names the first reminder, which the ledger must know for the id to count.
        using (var db = Notices.Store.StoreSchema.OpenExisting(c.DbPath))
        using (var ledger = new Notices.Ledger.LedgerWriter(db))
        {
            ledger.AppendDurably(new LetterEvent(SentCampaignFixture.CampaignId, a.LetterId + "-R1", a.PatientId,
                new ReminderPlanned(a.LetterId, 1, Notices.Campaigns.DeliveryChannelKind.Email, DateOnly.FromDateTime(DateTime.Today))));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        c.Deliver("1.stranger", ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "Mallory <mallory@example.org>",
            "Kvittering " + a.LetterId, messageId: "<s1@x>", date: Today));
        c.Deliver("2.patient", ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "Patient <" + patientA.ToUpperInvariant() + ">",
            "Svar", body: "Jeg har læst brevet " + a.LetterId.ToLowerInvariant() + "-r1.\n", messageId: null, date: Today));
        c.Deliver("3.nothing", ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "Patient <" + patientA + ">",
            "Tak", body: "Tak for brevet.\n", messageId: "<s3@x>", date: Today));
        c.Deliver("4.other-patients-letter", ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "Patient <" + patientA + ">",
            "Re: " + b.LetterId, messageId: "<s4@x>", date: Today));

        var summary = Import(c);

        var recorded = Assert.Single(summary.Recorded);
        Assert.Equal(("2.patient", a.LetterId), (recorded.FileName, recorded.LetterId));
        Assert.Equal(
            [("1.stranger", ReplyUnmatchedReason.NotThePatient), ("3.nothing", ReplyUnmatchedReason.NoLetter),
             ("4.other-patients-letter", ReplyUnmatchedReason.NotThePatient)],
            summary.Unmatched.Select(u => (u.FileName, u.Why)));
        var ack = Assert.IsType<Acknowledged>(Assert.Single(c.Ledger(LedgerEventKind.Acknowledged)).ReadEvent());
        Assert.Equal(a.LetterId + "-R1", ack.ViaLetterId);
        Assert.StartsWith("sha256:", ack.Reference, StringComparison.Ordinal); // no Message-ID: the file's hash
        Assert.Equal(AckMethod.Email, c.State(a.LetterId).Acknowledgement!.Method);
    }

    [Fact]
    public void Auto_replies_and_reports_to_a_genuine_address_record_nothing_and_the_maildir_is_not_changed()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        c.Deliver("1.auto", ReplyMessages.Reply(ReplyTo(a.LetterId), "p@example.net", "Re: brevet", messageId: "<a1@x>", date: Today,
            extraHeaders: "Auto-Submitted: auto-replied"));
        c.Deliver("2.ooo", ReplyMessages.Reply(ReplyTo(a.LetterId), "p@example.net", "=?utf-8?B?RnJhdsOmcmVuZGU6IGZlcmll?=", messageId: "<a2@x>", date: Today), "cur");
        c.Deliver("3.dsn", "Return-Path: <>\n" + ReplyMessages.Reply(ReplyTo(a.LetterId), "MAILER-DAEMON@x", "Delivery Status", messageId: "<a3@x>", date: Today));
        var before = Directory.EnumerateFiles(c.Maildir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var summary = Import(c);

        Assert.Empty(summary.Recorded);
        Assert.Equal(
            [ReplyUnmatchedReason.AutoReply, ReplyUnmatchedReason.AutoReply, ReplyUnmatchedReason.DeliveryReport],
            summary.Unmatched.Select(u => u.Why));
        Assert.Empty(c.Ledger(LedgerEventKind.Acknowledged));
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Directory.EnumerateFiles(c.Maildir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
    }

    [Fact]
    public void A_date_header_before_the_letter_is_refused_and_a_future_one_is_taken_as_the_delivery_time()
    {
        using var c = sent.Copy();
        var (a, b) = (sent.EmailLetters[0], sent.EmailLetters[1]);
        c.Deliver("1.old", ReplyMessages.Reply(ReplyTo(a.LetterId), "p@example.net", "Re", messageId: "<d1@x>", date: "Mon, 1 Jan 2024 10:00:00 +0100"));
        c.Deliver("2.future", ReplyMessages.Reply(ReplyTo(b.LetterId), "p@example.net", "Re", messageId: "<d2@x>", date: "Fri, 1 Jan 2100 10:00:00 +0100"));

        var summary = Import(c);

        var refused = Assert.Single(summary.Unmatched);
        Assert.Equal(("1.old", ReplyUnmatchedReason.Refused), (refused.FileName, refused.Why));
        Assert.Contains("is before letter", refused.Reason, StringComparison.Ordinal);
        var recorded = Assert.Single(summary.Recorded);
        Assert.Equal((b.LetterId, DateOnly.FromDateTime(DateTime.Now)), (recorded.LetterId, recorded.ReceivedOn));
    }
}
