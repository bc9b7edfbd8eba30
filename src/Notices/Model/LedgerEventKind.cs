namespace Notices.Model;

/// <summary>
/// Every kind of step the ledger records; each has one event record in <c>Model/Events</c> (see
/// <see cref="LedgerEventCodec"/>). Stored by name, so never rename a member.
/// </summary>
public enum LedgerEventKind
{
    /// <summary>The letter PDF was made; carries its SHA-256 and page count.</summary>
    LetterRendered,
    /// <summary>The email was written as an .eml file to the pickup directory.</summary>
    EmailWritten,
    /// <summary>The SMTP server accepted the message (250 after DATA).</summary>
    EmailAccepted,
    /// <summary>Sending failed permanently; carries the reason.</summary>
    EmailFailed,
    /// <summary>A DSN reported the message delivered.</summary>
    EmailDelivered,
    /// <summary>A DSN reported a delay.</summary>
    EmailDelayed,
    /// <summary>A DSN or bounce reported the message failed.</summary>
    EmailBounced,
    /// <summary>The letter was placed in a print batch at a position; final only once the batch is sealed.</summary>
    PrintBatched,
    /// <summary>Campaign-level: the batch was handed to a CUPS queue; carries the queue and job id.</summary>
    PrintSubmitted,
    /// <summary>The post room reports the batch posted.</summary>
    BatchPosted,
    /// <summary>The letter came back undelivered.</summary>
    Returned,
    /// <summary>The patient has no postal address and no consented, valid email.</summary>
    Unreachable,
    /// <summary>The patient acknowledged the notice (reply form).</summary>
    Acknowledged,
    /// <summary>A reminder letter was planned: links it to its original letter and round (the reminder's first event).</summary>
    ReminderPlanned,
    /// <summary>SMTP failed temporarily (4xx, connection refused or lost, timeout) and retries ran out in this run;
    /// the letter stays pending and the next <c>send</c> tries it again.</summary>
    EmailDeferred,
    /// <summary>Intent: the email with this Message-ID is about to be handed to the server (written before the hand-over).</summary>
    EmailSending,
    /// <summary>A batch file is complete, its manifest is written, and its SHA-256 is recorded: the batch exists.</summary>
    BatchSealed,
    /// <summary>A batch file that was never sealed (a run killed while writing it) was set aside so no one prints it.</summary>
    BatchDiscarded,
    /// <summary>The letter could not be made or handed over (a glyph the font lacks, an unreadable PDF); carries the reason.</summary>
    LetterFailed,
    /// <summary>Campaign-level: the first send of a campaign recorded it (before its row in the store).</summary>
    CampaignOpened,
    /// <summary>Campaign-level: CUPS reports the batch's print job completed.</summary>
    PrintCompleted,
    /// <summary>Campaign-level: the batch's print job was canceled or aborted, or the queue refused it; carries CUPS's state and reasons.</summary>
    PrintFailed,
    /// <summary>Campaign-level: the notice package with this SHA-256 was approved (by whom, a note, each file's hash).</summary>
    PackageApproved,
    /// <summary>Campaign-level: send or remind ran with --unapproved on a package that is not the latest approved one.</summary>
    UnapprovedRun,
    /// <summary>Not a kind this program writes: a stored name it does not know (an edited row). Never written.</summary>
    Unknown,
}
