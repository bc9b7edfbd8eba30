namespace Notices.Confirmations;

public sealed record DsnImportOptions
{
    /// <summary>The Maildir the bounce address delivers to (holding new/ and cur/).</summary>
    public required string MaildirPath { get; init; }
}
