namespace Notices.Printing;

/// <summary>IPP printer-state (RFC 8011, 5.4.11). CUPS reports a disabled queue (cupsdisable) as stopped.</summary>
public enum PrinterState
{
    Idle = 3,
    Processing = 4,
    Stopped = 5,
}
