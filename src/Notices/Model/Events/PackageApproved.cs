namespace Notices.Model;

/// <summary>
/// Campaign-level: an approver approved the notice package whose SHA-256 (see <c>Approvals/PackageHasher</c>) is
/// <paramref name="PackageSha256"/>. <paramref name="Files"/> lists each file's hash, so a later check can name the
/// files changed, added or removed since.
/// </summary>
/// <param name="By">Who approved (a name or initials, as given to <c>--by</c>).</param>
/// <param name="Note">The approver's note, if any.</param>
public sealed record PackageApproved(string PackageSha256, string By, string? Note, IReadOnlyList<PackageFileHash> Files) : LedgerEvent
{
    // Records compare lists by reference; two approvals are the same when their content is.
    public bool Equals(PackageApproved? other) =>
        other is not null && string.Equals(PackageSha256, other.PackageSha256, StringComparison.Ordinal)
        && string.Equals(By, other.By, StringComparison.Ordinal) && string.Equals(Note, other.Note, StringComparison.Ordinal)
        && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => HashCode.Combine(PackageSha256, By, Note, Files.Count);
}
