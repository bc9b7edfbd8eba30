namespace Notices.Ledger;

/// <summary>Every kind of step the ledger records. Stored by name, so never rename a member.</summary>
public enum LedgerEventKind
{
    /// <summary>The letter PDF was made; detail carries its SHA-256 and page count.</summary>
    LetterRendered,
    /// <summary>The email was written as an .eml file to the pickup directory.</summary>
    EmailWritten,
    /// <summary>The SMTP server accepted the message (250 after DATA).</summary>
    EmailAccepted,
    /// <summary>Sending failed permanently, or for good after retries; detail carries the reason.</summary>
    EmailFailed,
    /// <summary>A DSN reported the message delivered.</summary>
    EmailDelivered,
    /// <summary>A DSN reported a delay.</summary>
    EmailDelayed,
    /// <summary>A DSN or bounce reported the message failed.</summary>
    EmailBounced,
    /// <summary>The letter was placed in a print batch file; detail carries batch and position.</summary>
    PrintBatched,
    /// <summary>The batch was handed to a CUPS queue.</summary>
    PrintSubmitted,
    /// <summary>The post room reports the batch posted.</summary>
    BatchPosted,
    /// <summary>The letter came back undelivered.</summary>
    Returned,
    /// <summary>The patient has no postal address and no consented, valid email.</summary>
    Unreachable,
    /// <summary>The patient acknowledged the notice (reply form).</summary>
    Acknowledged,
    /// <summary>A reminder was sent.</summary>
    ReminderSent,
    /// <summary>SMTP failed temporarily (4xx, connection refused or lost, timeout) and retries ran out in this run;
    /// the letter stays pending and the next <c>send</c> tries it again.</summary>
    EmailDeferred,
    /// <summary>Intent: the email with this Message-ID is about to be handed to the server (written before the hand-over).</summary>
    EmailSending,
}
