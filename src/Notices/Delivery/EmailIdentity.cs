namespace Notices.Delivery;

/// <summary>Who a letter email is from, taken from notice.yaml. Addresses here are the sender's, never a patient's.</summary>
public sealed record EmailIdentity
{
    public required string FromAddress { get; init; }
    public string? FromDisplayName { get; init; }
    public string? ReplyToAddress { get; init; }
    /// <summary>When set, Sender (and so the envelope sender) is <c>bounces+{letter-id}@{BounceDomain}</c> (VERP).</summary>
    public string? BounceDomain { get; init; }
    /// <summary>Right-hand side of our Message-ID; defaults to the domain of <see cref="FromAddress"/>.</summary>
    public string? MessageIdDomain { get; init; }
}
