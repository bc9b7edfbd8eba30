namespace Notices.Cli;

/// <summary>A command was given something it cannot use (a missing file, an unknown campaign). Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
