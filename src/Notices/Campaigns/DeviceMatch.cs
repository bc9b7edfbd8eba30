namespace Notices.Campaigns;

/// <summary>Result of testing one device against a notice's rules.</summary>
public enum DeviceMatch
{
    NotAffected,
    Affected,
    /// <summary>The rule has software_max but the device's version is missing or unreadable: notified and flagged.</summary>
    AffectedVersionUnknown,
}
