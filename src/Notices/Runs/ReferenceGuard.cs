using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// Letter ids are made from the notice's reference (FA830-DK-000042), so two campaigns with one reference in one store
/// would give two letters the same id. A follow-up notice under the same FSCA reference needs its own reference
/// (e.g. FA830-2) or its own store; say so before anything is recorded.
/// </summary>
public static class ReferenceGuard
{
    /// <exception cref="NoticePackageException">Another campaign in the store already uses the reference.</exception>
    public static void EnsureOwn(NoticesDbContext db, NoticePackage notice)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        var other = db.Campaigns.AsNoTracking()
            .Where(c => c.Reference == notice.Reference && c.CampaignId != notice.Id)
            .Select(c => c.CampaignId)
            .FirstOrDefault();
        if (other is not null)
        {
            throw new NoticePackageException([
                $"{Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName)}:1: reference '{notice.Reference}' is already "
                + $"used by campaign '{other}' in this store, and letter ids are made from it. Give this notice its own "
                + "reference (e.g. a suffix: FA830-2) or send it from its own store (--db).",
            ]);
        }
    }
}
