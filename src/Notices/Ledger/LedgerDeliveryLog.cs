using Notices.Delivery;

namespace Notices.Ledger;

/// <summary>The ledger as the channels' <see cref="IDeliveryLog"/>. Does not own the writer.</summary>
public sealed class LedgerDeliveryLog(LedgerWriter writer) : IDeliveryLog
{
    private readonly LedgerWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    public void Record(DeliveryEvent deliveryEvent)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        _writer.Append(deliveryEvent.CampaignId, deliveryEvent.LetterId, deliveryEvent.PatientId,
            deliveryEvent.Kind, deliveryEvent.Detail);
    }
}
