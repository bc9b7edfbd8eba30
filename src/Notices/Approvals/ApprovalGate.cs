using System.Globalization;
using Notices.Campaigns;
using Notices.Model;
using Notices.Store;

namespace Notices.Approvals;

/// <summary>
/// The check <c>send</c> and <c>remind</c> make before they write anything: the package they are about to use must
/// hash to the campaign's latest approval. Runs under the campaign's run lock, after the ledger verified (so an edited
/// approval row has already stopped the run).
/// </summary>
public static class ApprovalGate
{
    /// <param name="hashAtLoad">The package's hash taken just before the command read the package, or null: when it is
    /// given and differs from the hash now, the package changed while the command read it.</param>
    /// <returns>The package's fingerprint, and the <see cref="UnapprovedRun"/> event the run records (null when approved or not checked).</returns>
    /// <exception cref="PackageNotApprovedException">Required, and the package is not the latest approved one.</exception>
    public static (PackageFingerprint Package, UnapprovedRun? Unapproved) Check(
        NoticesDbContext db, NoticePackage notice, ApprovalPolicy policy, string? hashAtLoad, string command)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var package = PackageHasher.Compute(notice.Directory);
        if (hashAtLoad is not null && !string.Equals(hashAtLoad, package.Sha256, StringComparison.Ordinal))
        {
            throw new PackageNotApprovedException(
                $"{notice.Directory}: the notice package changed while {command} read it; {command} did nothing. Run it again when the package is final.");
        }

        if (policy == ApprovalPolicy.NotChecked)
        {
            return (package, null);
        }

        var latest = RecordedApproval.Latest(db, notice.Id);
        if (latest is not null && string.Equals(latest.Approval.PackageSha256, package.Sha256, StringComparison.Ordinal))
        {
            return (package, null);
        }

        if (policy == ApprovalPolicy.Overridden)
        {
            return (package, new UnapprovedRun(package.Sha256, command, latest?.Approval.PackageSha256));
        }

        var fix = $"Review it with 'notices preview {notice.Directory}', then approve it with 'notices approve {notice.Directory} --by NAME' "
            + $"(or run {command} with --unapproved for a test run; that is recorded in the ledger).";
        if (latest is null)
        {
            throw new PackageNotApprovedException(
                $"{notice.Directory}: the notice package (sha256 {Short(package.Sha256)}) was never approved for campaign {notice.Id}; {command} did nothing. {fix}");
        }

        var diff = PackageDiff.Between(latest.Approval.Files, package.Files);
        throw new PackageNotApprovedException(string.Create(CultureInfo.InvariantCulture,
            $"{notice.Directory}: the notice package changed since {latest.Approval.By} approved it on {latest.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC "
            + $"(sha256 {Short(latest.Approval.PackageSha256)}, now {Short(package.Sha256)}): {diff.Describe()}; {command} did nothing. {fix}"));
    }

    public static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
