namespace Notices.Records;

/// <summary>How one CSV file was read: the detected encoding and delimiter and the number of data records.</summary>
/// <param name="File">The file name (without directory).</param>
/// <param name="Encoding">The detected encoding: <c>UTF-8 BOM</c>, <c>UTF-8</c>, <c>UTF-16</c> or <c>Windows-1252</c>.</param>
/// <param name="Delimiter">The detected field delimiter, <c>,</c> or <c>;</c>.</param>
/// <param name="Records">Non-empty data records read (the header not counted).</param>
public sealed record ImportFileSummary(string File, string Encoding, char Delimiter, int Records);
