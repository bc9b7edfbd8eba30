using Notices.Campaigns;
using Notices.Ledger;
using Notices.Letters.Templates;
using Notices.Model;
using Notices.Runs;
using Notices.Store;

namespace Notices.Approvals;

/// <summary>
/// <c>notices approve</c>: the package must load; its fingerprint is recorded durably in the ledger as a campaign-level
/// <see cref="PackageApproved"/>, on a ledger that verifies and under the campaign's run lock (not while a send runs).
/// Approving the same hash again is recorded again (a second reviewer's sign-off is worth keeping).
/// </summary>
public sealed class PackageApprover(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    public const int MaxByLength = 200;
    public const int MaxNoteLength = 2000;

    /// <summary>1 to <see cref="MaxByLength"/> printable Latin-1 characters: the name is printed in the report, whose font covers those.</summary>
    public static bool IsValidName(string by) =>
        by.Length is > 0 and <= MaxByLength && by.All(c => c is >= ' ' and <= '~' or >= '\u00a0' and <= '\u00ff');

    /// <returns>The approval recorded, and the approval of the same hash before it, if any.</returns>
    public (RecordedApproval Recorded, RecordedApproval? Earlier) Approve(string noticeDirectory, string by, string? note)
    {
        by = by?.Trim() ?? "";
        if (!IsValidName(by))
        {
            throw new ArgumentException($"--by must name the approver: 1 to {MaxByLength} characters on one line.", nameof(by));
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            throw new ArgumentException($"--note is at most {MaxNoteLength} characters.", nameof(note));
        }

        // Hashed before and after loading: what loaded is what is approved, even if someone saved a file meanwhile.
        var before = PackageHasher.Compute(noticeDirectory);
        var notice = NoticePackageLoader.Load(noticeDirectory);
        // A package whose templates do not merge (syntax, an unknown field in any branch, a limit) is not approvable.
        new NoticeTemplates(notice).Validate();
        using var runLock = CampaignRunLock.Acquire(db, notice.Id, "approve");
        LedgerGate.EnsureIntact(db, "approve");
        var package = PackageHasher.Compute(notice.Directory);
        if (!string.Equals(before.Sha256, package.Sha256, StringComparison.Ordinal))
        {
            throw new IOException($"{notice.Directory}: the notice package changed while approve read it; nothing was approved. Run it again when the package is final.");
        }

        var earlier = RecordedApproval.All(db, notice.Id).LastOrDefault(a => string.Equals(a.Approval.PackageSha256, package.Sha256, StringComparison.Ordinal));
        using (var ledger = new LedgerWriter(db, timeProvider))
        {
            ledger.AppendDurably(new LetterEvent(notice.Id, null, null, new PackageApproved(package.Sha256, by, note, package.Files)));
        }

        return (RecordedApproval.Latest(db, notice.Id)!, earlier);
    }
}
