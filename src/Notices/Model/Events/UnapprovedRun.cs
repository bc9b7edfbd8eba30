namespace Notices.Model;

/// <summary>
/// Campaign-level: a <c>send</c> or <c>remind</c> ran with <c>--unapproved</c> on a package whose SHA-256 was not the
/// latest approval's. <paramref name="ApprovedSha256"/> is that approval's hash, null when the package was never approved.
/// </summary>
public sealed record UnapprovedRun(string PackageSha256, string Command, string? ApprovedSha256) : LedgerEvent;
