namespace Notices.Campaigns;

/// <summary>A patient's device that a rule of the notice matched.</summary>
public sealed record AffectedDevice(
    string Manufacturer,
    string Model,
    string SerialNumber,
    string? SoftwareVersion,
    /// <summary>True when the rule has a software bound and the device's version is unknown (notified to be safe).</summary>
    bool VersionUnknown,
    string? LotNumber = null,
    string? UdiDi = null,
    /// <summary>True when the rule has lots and the device's lot is unknown (notified to be safe).</summary>
    bool LotUnknown = false,
    /// <summary>True when the rule has udi_di and the device has none (notified to be safe).</summary>
    bool UdiDiUnknown = false);
