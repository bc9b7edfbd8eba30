using Notices.Campaigns;

namespace Notices.Delivery;

/// <summary>
/// A way of getting a letter to a patient (email pickup, SMTP, print batch). The dispatcher does not care which.
/// A channel reports every outcome to the <see cref="IDeliveryLog"/> it was built with, at the moment the outcome is
/// final, and records its intent durably (<see cref="IDeliveryLog.RecordIntent"/>) before every hand-over.
/// </summary>
public interface IDeliveryChannel : IAsyncDisposable
{
    DeliveryChannelKind Kind { get; }

    Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken);

    /// <summary>Flushes anything buffered (a partly filled print batch, the manifest) and says how it went.</summary>
    Task<ChannelCompletion> CompleteAsync(CancellationToken cancellationToken);
}
