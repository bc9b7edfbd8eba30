using Notices.Model;

namespace Notices.Delivery;

/// <summary>Where channels record what they do. Implemented by the ledger; thread-safe.</summary>
public interface IDeliveryLog
{
    /// <summary>An outcome; durable soon after (group commit), so a crash may lose it but never reorders it.</summary>
    void Record(LetterEvent letterEvent);

    /// <summary>
    /// Intent before effect: returns only once the events are durable, all or none. A channel calls this before the
    /// hand-over it describes (the SMTP DATA, the rename into the pickup directory, the batch file becoming visible).
    /// </summary>
    void RecordIntent(IReadOnlyList<LetterEvent> letterEvents);
}
