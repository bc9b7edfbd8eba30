using Notices.Campaigns;

namespace Notices.Delivery;

/// <summary>
/// A way of getting a letter to a patient (email pickup, SMTP, print batch). The dispatcher does not care which.
/// A channel reports every outcome to the <see cref="IDeliveryLog"/> it was built with, at the moment the outcome is
/// final (e.g. a print channel records <c>PrintBatched</c> only after the batch file is written).
/// </summary>
public interface IDeliveryChannel : IAsyncDisposable
{
    DeliveryChannelKind Kind { get; }

    Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken);

    /// <summary>Flushes anything buffered (a partly filled print batch, the manifest).</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
