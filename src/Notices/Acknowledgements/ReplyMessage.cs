namespace Notices.Acknowledgements;

/// <summary>
/// What <see cref="ReplyClassifier"/> read from one received message. <see cref="FromAddress"/> is kept only to compare
/// with the letter's patient; it is never shown or recorded.
/// </summary>
public sealed record ReplyMessage
{
    public required ReplyKind Kind { get; init; }
    /// <summary>For an auto-reply or delivery report: what gave it away, in words without patient data.</summary>
    public string? Sign { get; init; }
    /// <summary>The <c>svar+</c> address it was delivered to, unverified; null when there is none.</summary>
    public ReplyAddressMatch? Address { get; init; }
    /// <summary>Letter ids (as written, in order, distinct ignoring case) in the subject, or else in the text body.</summary>
    public IReadOnlyList<string> MentionedLetterIds { get; init; } = [];
    /// <summary>The From header's address (addr-spec), or null.</summary>
    public string? FromAddress { get; init; }
    /// <summary>The Message-ID, with its angle brackets, or null.</summary>
    public string? MessageId { get; init; }
    /// <summary>The Date header, or null when absent or unreadable.</summary>
    public DateTimeOffset? Date { get; init; }
}
