namespace Notices.Printing.Ipp;

/// <summary>The IPP operations this client uses (RFC 8011, 5.4.15).</summary>
public enum IppOperation : short
{
    PrintJob = 0x0002,
    GetJobAttributes = 0x0009,
    GetJobs = 0x000A,
    GetPrinterAttributes = 0x000B,
}
