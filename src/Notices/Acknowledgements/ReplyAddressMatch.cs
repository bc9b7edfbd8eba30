namespace Notices.Acknowledgements;

/// <summary>What an <c>svar+&lt;letter-id&gt;.&lt;tag&gt;@</c> address says, as received: not yet verified.</summary>
/// <param name="Tag">Null when the address carries no tag.</param>
public sealed record ReplyAddressMatch(string LetterId, string? Tag);
