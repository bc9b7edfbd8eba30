using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using PdfSharp.Pdf.IO;

namespace Notices.Runs;

/// <summary>
/// Sends bounced email letters by post. This run owns its print channel: each letter's PDF
/// (out/&lt;campaign&gt;/letters/&lt;letter-id&gt;.pdf) goes into a print batch under out/&lt;campaign&gt;/print/ through
/// <see cref="PrintBatchChannel"/>, which records PrintBatched. A letter whose snapshot has no full postal address, or
/// whose PDF is missing or changed, is reported instead.
/// <para>
/// It looks at the ledger's state, not at one import's reports: every letter of the given campaigns that is Failed
/// because its email bounced (not printed, not acknowledged) is taken, so a bounced letter an earlier run could not
/// post (say its PDF was missing) is tried again.
/// </para>
/// </summary>
public sealed class BounceRerouteRun(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    public async Task<RerouteResult> RunAsync(IEnumerable<string> campaignIds, BounceRerouteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        ArgumentNullException.ThrowIfNull(options);
        var rerouted = new List<ReroutedLetter>();
        var notRerouted = new List<NotReroutedLetter>();
        using var ledger = new LedgerWriter(db, timeProvider);
        var log = new LedgerDeliveryLog(ledger);
        foreach (var campaignId in campaignIds.Distinct(StringComparer.Ordinal))
        {
            var projection = LetterStateProjector.Project(db, campaignId);
            // A bounced reminder goes by post like a bounced letter, unless its patient has acknowledged meanwhile.
            var acknowledged = projection.Letters.Where(l => l.Acknowledgement is not null).Select(l => l.LetterId).ToHashSet(StringComparer.Ordinal);
            var bounced = projection.Letters.Concat(projection.Reminders)
                .Where(l => l.Bounced && l.State == LetterDeliveryState.Failed && (l.ReminderOf is null || !acknowledged.Contains(l.ReminderOf)))
                // A letter whose paper copy came back is not posted to that address again.
                .Where(l => l.Timeline.Returned is null)
                .ToList();
            if (!options.PrintFallback)
            {
                notRerouted.AddRange(bounced.Select(l => new NotReroutedLetter(campaignId, l.LetterId, "print fallback turned off")));
                continue;
            }

            var result = await RerouteAsync(campaignId, bounced, log, options, cancellationToken).ConfigureAwait(false);
            rerouted.AddRange(result.Rerouted);
            notRerouted.AddRange(result.NotRerouted);
        }

        ledger.Flush();
        return new RerouteResult(rerouted, notRerouted);
    }

    private async Task<RerouteResult> RerouteAsync(
        string campaignId, IReadOnlyList<LetterStatus> letters, IDeliveryLog log, BounceRerouteOptions options, CancellationToken cancellationToken)
    {
        var notRerouted = new List<NotReroutedLetter>();
        if (letters.Count == 0)
        {
            return new RerouteResult([], notRerouted);
        }

        var ids = letters.Select(l => l.LetterId).ToList();
        var records = db.Letters.AsNoTracking()
            .Where(l => l.CampaignId == campaignId && ids.Contains(l.LetterId))
            .ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var paths = new CampaignPaths(options.OutputDirectory, campaignId);
        var batched = new BatchedLog(log);
        var printOptions = new PrintBatchOptions
        {
            OutputDirectory = paths.Print,
            CampaignId = campaignId,
            BatchSize = options.BatchSize,
            SealedBatches = SealedBatches.Read(db, campaignId),
        };
        await using var print = new PrintBatchChannel(printOptions, batched);

        foreach (var status in letters)
        {
            var (outgoing, problem) = Prepare(status, records.GetValueOrDefault(status.LetterId), paths, campaignId);
            if (outgoing is null)
            {
                notRerouted.Add(new NotReroutedLetter(campaignId, status.LetterId, problem!));
                continue;
            }

            await print.DeliverAsync(outgoing, cancellationToken).ConfigureAwait(false);
        }

        await print.CompleteAsync(cancellationToken).ConfigureAwait(false);
        // Letters whose PDF could not be batched failed alone (LetterFailed); the rest of the batch was sealed.
        notRerouted.AddRange(batched.Failed.Select(f => new NotReroutedLetter(campaignId, f.LetterId, f.Reason)));

        var rerouted = batched.Batched.Select(b => new ReroutedLetter(campaignId, b.LetterId, b.Batch)).ToList();
        return new RerouteResult(rerouted, notRerouted);
    }

    private static (OutgoingLetter? Letter, string? Problem) Prepare(LetterStatus status, LetterRecord? record, CampaignPaths paths, string campaignId)
    {
        if (record is null)
        {
            return (null, "not in the store's letters table");
        }

        var recipient = LetterSnapshot.FromJson(record.SnapshotJson).Recipient;
        if (!HasPostalAddress(recipient))
        {
            return (null, "no postal address");
        }

        var pdf = paths.LetterPdf(record.LetterId);
        if (!File.Exists(pdf))
        {
            return (null, "letter PDF missing");
        }

        int pages;
        try
        {
            using var document = PdfReader.Open(pdf, PdfDocumentOpenMode.Import);
            pages = document.PageCount;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // PDFsharp throws many kinds of exception on a damaged file.
            return (null, "letter PDF cannot be read");
        }

        var letter = new OutgoingLetter
        {
            LetterId = record.LetterId,
            CampaignId = campaignId,
            PatientId = record.PatientId,
            Channel = DeliveryChannelKind.Post,
            PdfPath = pdf,
            // The hash the letter was rendered with: the batch writer refuses a PDF changed since.
            PdfSha256 = record.PdfSha256 ?? status.PdfSha256 ?? "",
            PageCount = pages,
            RecipientName = recipient.FullName,
            PostalCode = recipient.PostalCode,
            City = recipient.City,
            LargePrint = recipient.LargePrint,
            Country = string.IsNullOrWhiteSpace(recipient.Country) ? "DK" : recipient.Country,
        };
        return (letter, null);
    }

    /// <summary>Same rule as planning (Patient.HasPostalAddress): street, postal code and city.</summary>
    public static bool HasPostalAddress(RecipientSnapshot recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return !string.IsNullOrWhiteSpace(recipient.AddressLine1)
            && !string.IsNullOrWhiteSpace(recipient.PostalCode)
            && !string.IsNullOrWhiteSpace(recipient.City);
    }

    /// <summary>Passes events on and remembers which letters the print channel logged as batched, and where.</summary>
    /// <summary>Passes events on and remembers which letters the print channel sealed in a batch, and which failed.</summary>
    private sealed class BatchedLog(IDeliveryLog inner) : IDeliveryLog
    {
        private readonly List<(string LetterId, string Batch)> _batched = [];
        private readonly List<(string LetterId, string Reason)> _failed = [];

        public IReadOnlyList<(string LetterId, string Batch)> Batched
        {
            get
            {
                lock (_batched)
                {
                    return [.. _batched];
                }
            }
        }

        public IReadOnlyList<(string LetterId, string Reason)> Failed
        {
            get
            {
                lock (_batched)
                {
                    return [.. _failed];
                }
            }
        }

        public void Record(LetterEvent letterEvent)
        {
            inner.Record(letterEvent);
            if (letterEvent is { LetterId: { } id, Event: LetterFailed failed })
            {
                lock (_batched)
                {
                    _failed.Add((id, failed.Reason));
                }
            }
        }

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents)
        {
            inner.RecordIntent(letterEvents);
            lock (_batched)
            {
                foreach (var e in letterEvents)
                {
                    if (e is { LetterId: { } id, Event: PrintBatched batched })
                    {
                        _batched.Add((id, batched.Batch));
                    }
                }
            }
        }
    }
}
