namespace Notices.Campaigns;

/// <summary>Device data a matching rule needed but the records lack; such a device is notified and flagged.</summary>
[Flags]
public enum DataUnknown
{
    None = 0,
    /// <summary>The rule has software_min or software_max; the version is missing or unreadable.</summary>
    Version = 1,
    /// <summary>The rule has lots; the device has no lot number.</summary>
    Lot = 2,
    /// <summary>The rule has udi_di; the device has no UDI-DI.</summary>
    UdiDi = 4,
}
