namespace Notices.Confirmations;

/// <summary>What a <c>bounces+&lt;letter-id&gt;.&lt;tag&gt;@</c> address says, as received: not yet verified.</summary>
/// <param name="Tag">Null when the address carries no tag (an unsigned, old-style or forged address).</param>
public sealed record VerpMatch(string LetterId, string? Tag);
