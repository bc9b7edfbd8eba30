namespace Notices.Delivery;

/// <summary>Who a letter email is from, taken from notice.yaml. Addresses here are the sender's, never a patient's.</summary>
public sealed record EmailIdentity
{
    public required string FromAddress { get; init; }
    public string? FromDisplayName { get; init; }
    /// <summary>The fixed Reply-To as notice.yaml writes it: <c>svar@example.com</c> or <c>Name &lt;svar@example.com&gt;</c>.</summary>
    public string? ReplyToAddress { get; init; }
    /// <summary>When set, Reply-To is the letter's own signed address <c>svar+{letter-id}.{tag}@{ReplyDomain}</c>
    /// (replacing <see cref="ReplyToAddress"/>), so a reply names its letter; <see cref="Verp"/> is then required.</summary>
    public string? ReplyDomain { get; init; }
    /// <summary>When set, the envelope sender (MAIL FROM, never a header) is the signed VERP address
    /// <c>bounces+{letter-id}.{tag}@{BounceDomain}</c>; <see cref="Verp"/> is then required.</summary>
    public string? BounceDomain { get; init; }
    /// <summary>Makes the tag of the VERP address; required with <see cref="BounceDomain"/>.</summary>
    public VerpSigner? Verp { get; init; }
    /// <summary>Signs every message (DKIM) when set: notice.yaml dkim plus NOTICES_DKIM_KEY_FILE.</summary>
    public Mime.IMessageSigner? Dkim { get; init; }
    /// <summary>Right-hand side of our Message-ID; defaults to the domain of <see cref="FromAddress"/>.</summary>
    public string? MessageIdDomain { get; init; }
}
