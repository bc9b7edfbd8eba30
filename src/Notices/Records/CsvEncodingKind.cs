namespace Notices.Records;

/// <summary>What <see cref="CsvTextDecoder.Detect"/> found a CSV file to be.</summary>
public enum CsvEncodingKind
{
    /// <summary>Valid UTF-8 without a byte order mark (pure ASCII included).</summary>
    Utf8,

    /// <summary>Valid UTF-8 after a UTF-8 byte order mark.</summary>
    Utf8Bom,

    /// <summary>UTF-16 (little or big endian), recognised by its byte order mark.</summary>
    Utf16,

    /// <summary>Bytes above 0x7F but not one valid multi-byte UTF-8 sequence: an ANSI export.</summary>
    Windows1252,

    /// <summary>UTF-8 (a byte order mark or valid multi-byte sequences) with invalid bytes: refused, never guessed.</summary>
    MixedUtf8,
}
