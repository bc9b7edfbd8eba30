namespace Notices.Acknowledgements;

/// <summary>A message not taken as an acknowledgement: its Maildir file name and why. Never the sender's name or address.</summary>
public sealed record ReplyUnmatched(string FileName, ReplyUnmatchedReason Why, string Reason);
