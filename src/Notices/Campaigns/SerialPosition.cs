namespace Notices.Campaigns;

/// <summary>Where a serial number lies relative to a <see cref="SerialRange"/>.</summary>
public enum SerialPosition
{
    Inside,
    Below,
    Above,
    /// <summary>The serial's non-numeric part differs from the range's.</summary>
    OtherPrefix,
    /// <summary>The serial does not end in digits, so it has no number to compare.</summary>
    NotNumeric,
}
