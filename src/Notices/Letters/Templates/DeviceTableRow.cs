namespace Notices.Letters.Templates;

/// <summary>One row of the letter's device table: null version or lot means not recorded.</summary>
public sealed record DeviceTableRow(string Model, string SerialNumber, string? SoftwareVersion, string? LotNumber = null, bool LotUnknown = false);
