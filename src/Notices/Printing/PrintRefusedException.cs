using Notices.Printing.Ipp;

namespace Notices.Printing;

/// <summary>CUPS answered a request with an IPP error (e.g. not found, not accepting jobs).</summary>
public sealed class PrintRefusedException(IppStatusCode status, string message) : IOException(message)
{
    public IppStatusCode Status { get; } = status;
}
