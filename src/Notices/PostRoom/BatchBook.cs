using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.PostRoom;

/// <summary>Every print batch of a campaign, from the ledger's campaign-level rows (no letter id), by file name.</summary>
public static class BatchBook
{
    public static IReadOnlyDictionary<string, BatchRecord> Read(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId == null)
            .OrderBy(e => e.Seq)
            .AsEnumerable();
        return Read(rows);
    }

    public static IReadOnlyDictionary<string, BatchRecord> Read(IEnumerable<LedgerEntry> campaignRows)
    {
        ArgumentNullException.ThrowIfNull(campaignRows);
        var batches = new Dictionary<string, BatchRecord>(StringComparer.Ordinal);
        foreach (var row in campaignRows)
        {
            if (row.LetterId is not null)
            {
                continue;
            }

            var ledgerEvent = row.ReadEvent();
            var name = ledgerEvent switch
            {
                BatchSealed s => s.Batch,
                BatchDiscarded d => d.Batch,
                PrintSubmitted p => p.Batch,
                PrintCompleted c => c.Batch,
                PrintFailed f => f.Batch,
                BatchPosted p => p.Batch,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            var b = batches.GetValueOrDefault(name) ?? new BatchRecord(name);
            batches[name] = ledgerEvent switch
            {
                BatchSealed s => b with { SealedAt = b.SealedAt ?? row.At, Letters = s.Letters, Discarded = false },
                BatchDiscarded => b.SealedAt is null ? b with { Discarded = true } : b,
                PrintSubmitted => b with { Submitted = true },
                PrintCompleted => b with { Submitted = false, PrintedAt = b.PrintedAt ?? row.At },
                PrintFailed => b with { Submitted = false },
                BatchPosted p => b with { PostedAt = b.PostedAt ?? row.At, PostedOn = b.PostedOn ?? Day(p.Date, row.At) },
                _ => b,
            };
        }

        return batches;
    }

    private static DateOnly Day(string? iso, DateTimeOffset at) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : DateOnly.FromDateTime(at.ToLocalTime().DateTime);
}
