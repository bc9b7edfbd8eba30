namespace Notices.Printing.Ipp;

/// <summary>The IPP status codes this client tells apart (RFC 8011, appendix B); any other is kept as its number.</summary>
public enum IppStatusCode : short
{
    SuccessfulOk = 0x0000,
    SuccessfulOkIgnoredOrSubstituted = 0x0001,
    SuccessfulOkConflicting = 0x0002,
    ClientErrorBadRequest = 0x0400,
    ClientErrorForbidden = 0x0401,
    ClientErrorNotAuthenticated = 0x0402,
    ClientErrorNotPossible = 0x0404,
    ClientErrorNotFound = 0x0406,
    ClientErrorDocumentFormatNotSupported = 0x040A,
    ServerErrorInternalError = 0x0500,
    ServerErrorNotAcceptingJobs = 0x0506,
    ServerErrorBusy = 0x0507,
}
