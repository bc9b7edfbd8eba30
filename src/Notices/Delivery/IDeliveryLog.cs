namespace Notices.Delivery;

/// <summary>Where channels record outcomes. Implemented by the ledger; thread-safe.</summary>
public interface IDeliveryLog
{
    void Record(DeliveryEvent deliveryEvent);
}
