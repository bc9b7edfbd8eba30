namespace Notices.Records;

/// <summary>A validated device row and the line it came from.</summary>
internal sealed record ParsedDevice(Device Device, int Line);
