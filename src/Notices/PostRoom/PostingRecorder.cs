using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Delivery;

namespace Notices.PostRoom;

/// <summary>
/// Records what the post room did with a whole batch: printed it itself (<see cref="Printed"/>, for a post room that
/// prints the batch PDF without CUPS) or handed it to the carrier (<see cref="Posted"/>). Each is one campaign-level
/// ledger row, applied to every letter of the batch by the projection. Every check comes first; a refusal records
/// nothing and says why, naming the campaign and batch. The caller holds the campaign's post lock.
/// </summary>
public sealed class PostingRecorder(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    /// <summary>The queue a <see cref="PrintCompleted"/> names when the batch was printed without notices' CUPS path.</summary>
    public const string OutsideQueue = "(outside notices)";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <returns>The batch's file name and the day recorded.</returns>
    /// <exception cref="PostRoomRefusedException">Unknown batch, not printed yet, already posted, or a bad date.</exception>
    public (string Batch, DateOnly Date) Posted(string campaignId, string batchText, DateOnly? date)
    {
        var batch = Find(campaignId, batchText);
        if (batch.IsPosted)
        {
            throw new PostRoomRefusedException($"batch {batch.Batch} of campaign '{campaignId}' is already posted ({AckDates.Iso(batch.PostedOn!.Value)}); nothing was recorded.");
        }

        if (!batch.IsPrinted)
        {
            var how = batch.Submitted ? "its print job has not completed; run 'notices print' to follow it up" : "no completed print job in the ledger";
            throw new PostRoomRefusedException(
                $"batch {batch.Batch} of campaign '{campaignId}' is not printed yet ({how}). Print it with 'notices print', or, when "
                + $"the post room printed the PDF itself, record that first with 'notices batch printed {campaignId} {Number(batch.Batch)}'. Nothing was recorded.");
        }

        var day = CheckDate(campaignId, batch, date, "posted");
        Append(campaignId, new BatchPosted(batch.Batch, AckDates.Iso(day)));
        return (batch.Batch, day);
    }

    /// <exception cref="PostRoomRefusedException">Unknown batch, already printed or posted, or a bad date.</exception>
    public (string Batch, DateOnly Date) Printed(string campaignId, string batchText, DateOnly? date)
    {
        var batch = Find(campaignId, batchText);
        if (batch.IsPosted || batch.IsPrinted)
        {
            var what = batch.IsPosted ? "posted" : "printed";
            throw new PostRoomRefusedException($"batch {batch.Batch} of campaign '{campaignId}' is already {what}; nothing was recorded.");
        }

        var day = CheckDate(campaignId, batch, date, "printed");
        Append(campaignId, new PrintCompleted(batch.Batch, OutsideQueue, "", "printed outside notices on " + AckDates.Iso(day)));
        return (batch.Batch, day);
    }

    private BatchRecord Find(string campaignId, string batchText)
    {
        if (!BatchNames.TryParse(batchText, out var number))
        {
            throw new PostRoomRefusedException($"'{ReturnReasons.Shown(batchText)}' is not a batch: give {BatchNames.Accepted}.");
        }

        var book = BatchBook.Read(db, campaignId);
        var sealedNames = book.Values.Where(b => b.IsSealed).Select(b => b.Batch).ToList();
        var typed = batchText.Trim();
        typed = typed.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? typed : typed + ".pdf";
        var name = sealedNames.FirstOrDefault(n => string.Equals(n, typed, StringComparison.OrdinalIgnoreCase))
            ?? BatchNames.Resolve(number, sealedNames) ?? PrintBatchFolder.BatchName(number);
        if (!book.TryGetValue(name, out var batch) || !batch.IsSealed)
        {
            var known = book.Values.Where(b => b.IsSealed).Select(b => b.Batch).Order(StringComparer.Ordinal).ToList();
            throw new PostRoomRefusedException($"campaign '{campaignId}' has no sealed batch {name}. Its batches: "
                + (known.Count == 0 ? "none (no letter went by post yet)." : Shorten(known) + "."));
        }

        return batch;
    }

    private DateOnly CheckDate(string campaignId, BatchRecord batch, DateOnly? date, string what)
    {
        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var day = date ?? today;
        if (day > today)
        {
            throw new PostRoomRefusedException($"the {what} date {AckDates.Iso(day)} of batch {batch.Batch} is after today ({AckDates.Iso(today)}); nothing was recorded.");
        }

        var sealedOn = DateOnly.FromDateTime(batch.SealedAt!.Value.ToLocalTime().DateTime);
        if (day < sealedOn)
        {
            throw new PostRoomRefusedException($"the {what} date {AckDates.Iso(day)} is before batch {batch.Batch} of campaign '{campaignId}' was made ({AckDates.Iso(sealedOn)}); nothing was recorded.");
        }

        return day;
    }

    private void Append(string campaignId, LedgerEvent ledgerEvent)
    {
        using var ledger = new LedgerWriter(db, _time);
        ledger.AppendDurably(new LetterEvent(campaignId, null, null, ledgerEvent));
    }

    private static string Number(string batch) => BatchNames.NumberOf(batch);

    private static string Shorten(List<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + " … " + names[^1] + $" ({names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
