using Microsoft.EntityFrameworkCore;
using Notices.Acknowledgements;
using Notices.Store;
using Notices.Tests.Confirmations;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>
/// Review: a reply without the signed svar+ address counts only when its From is the patient's address, compared
/// case-insensitively as text (ReplyImporter.PatientEmails). Since the move to MimeKit, ReplyClassifier takes From from
/// MimeKit, which decodes a punycode domain ("jens@xn--ble-xla.dk" comes out as "jens@æble.dk"). The register keeps
/// the address as imported (EmailAddressRule accepts the punycode spelling), so a patient registered as
/// jens@xn--ble-xla.dk is "not the patient" even when replying from exactly that address.
/// </summary>
public sealed class ReplyIdnAddressReviewTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [Theory]
    [InlineData("jens@æble.dk", "jens@xn--ble-xla.dk")]
    [InlineData("jens@xn--ble-xla.dk", "jens@æble.dk")]
    [InlineData("jens@xn--ble-xla.dk", "jens@xn--ble-xla.dk")] // the very address the patient is registered with
    public void The_patients_own_address_in_either_spelling_of_its_domain_is_the_patient(string registered, string replyFrom)
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        using (var db = StoreSchema.OpenExisting(c.DbPath))
        {
            var patient = db.Patients.Single(p => p.PatientId == a.PatientId);
            patient.Email = registered;
            db.SaveChanges();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        c.Deliver("1.idn", ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "Jens <" + replyFrom + ">",
            "Kvittering " + a.LetterId, messageId: "<idn1@x>", date: ReplyMessages.MinutesAgo(5)));

        ReplyImportSummary summary;
        using (var db = StoreSchema.Open(c.DbPath))
        {
            summary = new ReplyImporter(db, sent.Verp).Import(c.Maildir);
        }

        Assert.True(summary.Recorded.Count == 1,
            "unmatched: " + string.Join("; ", summary.Unmatched.Select(u => u.Why + " " + u.Reason)));
    }
}
