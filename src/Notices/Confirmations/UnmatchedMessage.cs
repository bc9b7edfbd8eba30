namespace Notices.Confirmations;

/// <summary>A message that was read but not recorded, with why (<see cref="Why"/>, and in words <see cref="Reason"/>).
/// The file is left where it is.</summary>
public sealed record UnmatchedMessage(string FileName, UnmatchedReason Why, string Reason);
