namespace Notices.Campaigns;

/// <summary>A patient's device that a rule of the notice matched.</summary>
public sealed record AffectedDevice(
    string Manufacturer,
    string Model,
    string SerialNumber,
    string? SoftwareVersion,
    /// <summary>True when the rule has software_max and the device's version is unknown (notified to be safe).</summary>
    bool VersionUnknown);
