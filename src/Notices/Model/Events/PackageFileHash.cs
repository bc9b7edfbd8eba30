namespace Notices.Model;

/// <summary>One file of an approved notice package: its path relative to the package ('/' separated), size and SHA-256.</summary>
public sealed record PackageFileHash(string Path, long Length, string Sha256);
