namespace Notices.Delivery.Smtp;

/// <summary>
/// One message as the SMTP channel needs it: raw bytes with CRLF line ends (no dot-stuffing; the transport adds it),
/// a size estimate for SIZE=, and the envelope sender (the VERP address) when it differs from From.
/// </summary>
public interface IMailMessageSource : IDisposable
{
    long EstimatedSize { get; }

    string? EnvelopeFrom { get; }

    Task WriteAsync(Stream destination, CancellationToken cancellationToken);
}
