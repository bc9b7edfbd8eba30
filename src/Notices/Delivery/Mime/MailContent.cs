namespace Notices.Delivery.Mime;

/// <summary>
/// What one letter email says: the typed input of <see cref="MimeMessage"/>. The PDF stays on disk
/// (<see cref="AttachmentPath"/>) and is streamed. <see cref="Boundary"/> fixes the MIME boundaries (tests); null
/// makes random ones.
/// </summary>
public sealed record MailContent
{
    public required MailboxAddress From { get; init; }
    public required MailboxAddress To { get; init; }
    public MailboxAddress? ReplyTo { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset Date { get; init; }
    /// <summary>With angle brackets: &lt;id@domain&gt;.</summary>
    public required string MessageId { get; init; }
    public required string TextBody { get; init; }
    public string? HtmlBody { get; init; }
    public required string AttachmentPath { get; init; }
    public required string AttachmentFileName { get; init; }
    /// <summary>The PDF's recorded SHA-256 (hex); when given, the bytes attached are checked against it.</summary>
    public string? AttachmentSha256 { get; init; }
    public IMessageSigner? Dkim { get; init; }
    /// <summary>Letters and digits only; the boundaries are made from it. Null: random.</summary>
    public string? Boundary { get; init; }
}
