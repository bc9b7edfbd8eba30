namespace Notices.Campaigns;

/// <summary>A loaded and validated notice package (templates/&lt;notice&gt;/).</summary>
public sealed record NoticePackage
{
    public required string Directory { get; init; }
    /// <summary>The campaign id.</summary>
    public required string Id { get; init; }
    /// <summary>The manufacturer's FSCA reference, e.g. FA830.</summary>
    public required string Reference { get; init; }
    public required string Subject { get; init; }
    /// <summary>Heading printed on the letter; defaults to "Vigtig sikkerhedsmeddelelse".</summary>
    public string Title { get; init; } = "Vigtig sikkerhedsmeddelelse";
    /// <summary>Letter date; null means the day the letter is made.</summary>
    public DateOnly? Date { get; init; }
    public required SenderInfo Sender { get; init; }
    public required IReadOnlyList<AffectedRule> Affected { get; init; }
    /// <summary>Devices and patients removed from the campaign (exclude_serials_file, exclude_patients_file).</summary>
    public Exclusions Exclusions { get; init; } = Exclusions.None;
    public required string EmailSubject { get; init; }
    public string? EmailFrom { get; init; }
    public string? EmailReplyTo { get; init; }
    /// <summary>Domain for VERP bounce addresses (bounces+letter-id@domain).</summary>
    public string? BounceDomain { get; init; }
    /// <summary>Domain for per-letter Reply-To addresses (svar+letter-id.tag@domain); without it Reply-To is <see cref="EmailReplyTo"/>.</summary>
    public string? ReplyDomain { get; init; }
    /// <summary>DKIM signing of every email; null: unsigned.</summary>
    public DkimSettings? Dkim { get; init; }
    /// <summary>Where the reply form is sent back (address lines); defaults to the sender's address.</summary>
    public IReadOnlyList<string> ReplyAddress { get; init; } = [];
    public WindowRect Window { get; init; } = WindowRect.C5Left;
    /// <summary>The envelope post letters go in, and its capacity in sheets (default C5, 8 sheets).</summary>
    public Envelope Envelope { get; init; } = Envelope.Default;
    /// <summary>The return line in the window above the recipient (on by default).</summary>
    public ReturnAddress ReturnAddress { get; init; } = ReturnAddress.Default;
    /// <summary>The optional logo, prepared (checked and scaled) once when the package is loaded.</summary>
    public Notices.Letters.Images.LogoImage? Logo { get; init; }
    /// <summary>Absolute path of the optional PNG/JPEG logo.</summary>
    public string? LogoPath => Logo?.Path;
    public required string LetterTemplate { get; init; }
    public required string EmailTemplate { get; init; }
    /// <summary>reminder.md, the optional text of reminder letters and emails; null when the package has none.</summary>
    public string? ReminderTemplate { get; init; }
    public const string ReminderFileName = "reminder.md";
    public string LetterTemplatePath => Path.Combine(Directory, "letter.md");
    public string ReminderTemplatePath => Path.Combine(Directory, ReminderFileName);
    public string EmailTemplatePath => Path.Combine(Directory, "email.md");
}
