using Notices.Campaigns;
using Notices.Model;
using Notices.PostRoom;
using Notices.Tests.Reports;
using Xunit;

namespace Notices.Tests.PostRoom;

/// <summary>What status shows of the post: letters per postal state and batches, from a ledger written by hand.</summary>
public sealed class PostBreakdownTests
{
    [Fact]
    public void Each_post_letter_is_counted_in_its_postal_state_and_each_batch_once()
    {
        // NinePatients: B1 submitted and posted (EFF-0002), B2 posted with EFF-0004 returned, B3 sealed (EFF-0009 and a reminder).
        var l = HandLedger.NinePatients();
        l.Add("EFF-0010", "P10", 3, HandLedger.Rendered()).Add("EFF-0010", "P10", 3, HandLedger.Batched("B4", 1)).Add(null, null, 3, HandLedger.Sealed("B4"))
            .Add(null, null, 3, new PrintSubmitted("B4", "pdf", "pdf-9"));
        l.Add("EFF-0011", "P11", 3, HandLedger.Rendered()).Add("EFF-0011", "P11", 3, HandLedger.Batched("B5", 1)).Add(null, null, 3, HandLedger.Sealed("B5"))
            .Add(null, null, 3, new PrintCompleted("B5", PostingRecorder.OutsideQueue, ""));

        var breakdown = PostBreakdown.From(l.Project(), BatchBook.Read(l.Entries));

        Assert.Equal(
            new PostBreakdown { Sealed = 2, Submitted = 1, Printed = 1, Posted = 0, Returned = 1, Batches = 5, BatchesPrinted = 1, BatchesPosted = 2 },
            breakdown);
    }

    [Fact]
    public void A_returned_letter_sent_by_email_since_is_counted_apart()
    {
        var l = new HandLedger("R");
        l.Add("R-1", "P1", 0, HandLedger.Rendered()).Add("R-1", "P1", 0, HandLedger.Batched("B1", 1)).Add(null, null, 0, HandLedger.Sealed("B1"))
            .Add(null, null, 0, new PrintCompleted("B1", "q", "1")).Add(null, null, 1, new BatchPosted("B1", "2026-11-03"))
            .Add("R-1", "P1", 4, new Returned("flyttet", "2026-11-06"))
            .Add("R-1", "P1", 5, HandLedger.Sending("r1", EmailTransport.Pickup))
            .Add("R-1", "P1", 5, new EmailWritten("<r1@example.test>", "R-1.eml", "ab12"));

        var projection = l.Project();
        var letter = Assert.Single(projection.Letters);
        var breakdown = PostBreakdown.From(projection, BatchBook.Read(l.Entries));

        Assert.Equal((LetterState.Accepted, LetterDeliveryState.Sent), (letter.Stage, letter.Reach));
        Assert.Equal((new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 6), "flyttet"), (letter.Timeline.PostedOn, letter.Timeline.ReturnedOn, letter.Timeline.ReturnReason));
        Assert.Equal((0, 0, 1, 1), (breakdown.Returned, breakdown.Posted, breakdown.ReturnedThenEmailed, breakdown.BatchesPosted));
        Assert.Equal(Notices.Reports.ReachCategory.EmailAcceptedOnly, Notices.Reports.EffectivenessFigures.Classify(letter));
    }

    [Fact]
    public void The_batch_book_follows_a_failed_and_a_repeated_job()
    {
        var l = new HandLedger("B");
        l.Add(null, null, 0, HandLedger.Sealed("B1")).Add(null, null, 0, new PrintSubmitted("B1", "q", "1"))
            .Add(null, null, 0, new PrintFailed("B1", "q", "1", "aborted", "printer on fire"));
        var failed = BatchBook.Read(l.Entries)["B1"];
        l.Add(null, null, 1, new PrintSubmitted("B1", "q", "2"));
        var again = BatchBook.Read(l.Entries)["B1"];
        l.Add(null, null, 1, new PrintCompleted("B1", "q", "2")).Add(null, null, 2, new BatchPosted("B1"));
        var done = BatchBook.Read(l.Entries)["B1"];

        Assert.Equal((true, false, false), (failed.IsSealed, failed.Submitted, failed.IsPrinted));
        Assert.Equal((true, false), (again.Submitted, again.IsPrinted));
        Assert.Equal((false, true, true), (done.Submitted, done.IsPrinted, done.IsPosted));
        Assert.Equal(DateOnly.FromDateTime(done.PostedAt!.Value.ToLocalTime().DateTime), done.PostedOn);
    }
}
