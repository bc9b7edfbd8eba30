namespace Notices.Confirmations;

public sealed record DsnImportOptions
{
    /// <summary>The Maildir the bounce address delivers to (holding new/ and cur/).</summary>
    public required string MaildirPath { get; init; }
    /// <summary>The send output directory: letters are read from, and print batches written to, &lt;out&gt;/&lt;campaign&gt;/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Put bounced letters in a print batch (the default). Off: they stay Failed.</summary>
    public bool PrintFallback { get; init; } = true;
}
