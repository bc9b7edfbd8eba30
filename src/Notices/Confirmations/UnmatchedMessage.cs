namespace Notices.Confirmations;

/// <summary>A message that was read but not recorded, with why. The file is left where it is.</summary>
public sealed record UnmatchedMessage(string FileName, string Reason);
