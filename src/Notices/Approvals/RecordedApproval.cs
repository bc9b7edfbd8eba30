using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.Approvals;

/// <summary>A campaign's approvals, as the ledger holds them (campaign-level <see cref="PackageApproved"/> rows).</summary>
public sealed record RecordedApproval(long Seq, DateTimeOffset At, PackageApproved Approval)
{
    /// <summary>The campaign's approvals, oldest first; a row that does not decode (an edited row) is left out: verify reports it.</summary>
    public static IReadOnlyList<RecordedApproval> All(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId == null && e.Kind == LedgerEventKind.PackageApproved)
            .OrderBy(e => e.Seq)
            .AsEnumerable()
            .Select(e => (e.Seq, e.At, Event: e.ReadEvent()))
            .Where(e => e.Event is PackageApproved)
            .Select(e => new RecordedApproval(e.Seq, e.At, (PackageApproved)e.Event))];
    }

    public static RecordedApproval? Latest(NoticesDbContext db, string campaignId) => All(db, campaignId).LastOrDefault();

    /// <summary>The campaign's runs with --unapproved, oldest first.</summary>
    public static IReadOnlyList<(DateTimeOffset At, UnapprovedRun Run)> Unapproved(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId == null && e.Kind == LedgerEventKind.UnapprovedRun)
            .OrderBy(e => e.Seq)
            .AsEnumerable()
            .Select(e => (e.At, Event: e.ReadEvent()))
            .Where(e => e.Event is UnapprovedRun)
            .Select(e => (e.At, (UnapprovedRun)e.Event))];
    }
}
