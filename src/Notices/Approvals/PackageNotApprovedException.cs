namespace Notices.Approvals;

/// <summary>The notice package is not the latest approved one (or was never approved); nothing was sent or recorded.</summary>
public sealed class PackageNotApprovedException(string message) : Exception(message);
