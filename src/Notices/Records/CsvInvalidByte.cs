namespace Notices.Records;

/// <summary>The first byte on a line that is not valid UTF-8.</summary>
/// <param name="Line">1-based physical line.</param>
/// <param name="Value">The byte, e.g. 0xF8 for a Windows-1252 'ø'.</param>
public sealed record CsvInvalidByte(int Line, byte Value);
