using Notices.Delivery;
using Notices.Model;

namespace Notices.Ledger;

/// <summary>The ledger as the channels' <see cref="IDeliveryLog"/>. Does not own the writer.</summary>
public sealed class LedgerDeliveryLog(LedgerWriter writer) : IDeliveryLog
{
    private readonly LedgerWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    public void Record(LetterEvent letterEvent)
    {
        ArgumentNullException.ThrowIfNull(letterEvent);
        _writer.Append(letterEvent);
    }

    public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents) => _writer.AppendDurably(letterEvents);
}
