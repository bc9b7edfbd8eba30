using System.Text;

namespace Notices.Records;

/// <summary>The result of scanning a CSV file's bytes once to tell its encoding.</summary>
public sealed class CsvEncodingScan
{
    public required CsvEncodingKind Kind { get; init; }

    /// <summary>The line of the first valid multi-byte UTF-8 sequence; 0 when there is none.</summary>
    public int FirstMultiByteLine { get; init; }

    /// <summary>The first invalid byte of each line that holds one, for the first lines only (see <see cref="InvalidLineCount"/>).</summary>
    public IReadOnlyList<CsvInvalidByte> InvalidBytes { get; init; } = [];

    /// <summary>All lines holding an invalid UTF-8 byte, including those not in <see cref="InvalidBytes"/>.</summary>
    public int InvalidLineCount { get; init; }

    /// <summary>The name shown to the user, e.g. <c>UTF-8 BOM</c>.</summary>
    public string Name => Kind switch
    {
        CsvEncodingKind.Utf8Bom => CsvTextDecoder.Utf8BomName,
        CsvEncodingKind.Utf16 => CsvTextDecoder.Utf16Name,
        CsvEncodingKind.Windows1252 => CsvTextDecoder.Windows1252Name,
        _ => CsvTextDecoder.Utf8Name,
    };

    /// <summary>
    /// The encoding to read the file with; null means UTF-8 with any byte order mark honoured (UTF-8 or UTF-16).
    /// Not to be used for <see cref="CsvEncodingKind.MixedUtf8"/>, which is refused.
    /// </summary>
    public Encoding? Encoding => Kind == CsvEncodingKind.Windows1252 ? CsvTextDecoder.Windows1252 : null;
}
