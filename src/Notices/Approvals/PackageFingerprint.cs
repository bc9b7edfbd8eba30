using Notices.Model;

namespace Notices.Approvals;

/// <summary>A notice package's SHA-256 (<see cref="PackageHasher"/>) and the hash of each of its files, in hashing order.</summary>
public sealed record PackageFingerprint(string Sha256, IReadOnlyList<PackageFileHash> Files);
