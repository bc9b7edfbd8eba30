using System.Text;

namespace Notices.Records;

/// <summary>
/// Tells the encoding of a CSV file exported from Excel or a CRM by reading its bytes once, in small buffers:
/// a byte order mark (UTF-8, UTF-16); else valid UTF-8; else, when the file holds no valid multi-byte UTF-8 sequence at
/// all, Windows-1252. A file that is UTF-8 apart from some invalid bytes is <see cref="CsvEncodingKind.MixedUtf8"/>: its
/// lines are reported, because decoding it either way would corrupt æøå somewhere.
/// </summary>
public static class CsvTextDecoder
{
    public const string Utf8BomName = "UTF-8 BOM";
    public const string Utf8Name = "UTF-8";
    public const string Utf16Name = "UTF-16";
    public const string Windows1252Name = "Windows-1252";

    private const int BufferSize = 64 * 1024;

    static CsvTextDecoder()
    {
        // The code-page encodings ship with .NET (System.Text.Encoding.CodePages is in the shared framework);
        // they only need registering.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>The Windows-1252 encoding (also handy for writing test files).</summary>
    public static Encoding Windows1252 { get; }

    /// <summary>Reads <paramref name="stream"/> to its end and tells its encoding.</summary>
    /// <param name="stream">The file's bytes from the start.</param>
    /// <param name="maxListed">The most lines with invalid bytes to list (all are counted).</param>
    public static CsvEncodingScan Detect(Stream stream, int maxListed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[BufferSize];
        var filled = Fill(stream, buffer, 0);
        var head = buffer.AsSpan(0, filled);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new CsvEncodingScan { Kind = CsvEncodingKind.Utf16 };
        }

        var bom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var validator = new Utf8LineValidator(maxListed);
        var start = bom ? 3 : 0;
        while (filled > 0)
        {
            validator.Feed(buffer.AsSpan(start, filled - start));
            start = 0;
            filled = Fill(stream, buffer, 0);
        }

        validator.Finish();
        var kind = validator.InvalidLineCount == 0 ? (bom ? CsvEncodingKind.Utf8Bom : CsvEncodingKind.Utf8)
            : bom || validator.FirstMultiByteLine > 0 ? CsvEncodingKind.MixedUtf8
            : CsvEncodingKind.Windows1252;
        return new CsvEncodingScan
        {
            Kind = kind,
            FirstMultiByteLine = validator.FirstMultiByteLine,
            InvalidBytes = kind == CsvEncodingKind.MixedUtf8 ? validator.InvalidBytes : [],
            InvalidLineCount = kind == CsvEncodingKind.MixedUtf8 ? validator.InvalidLineCount : 0,
        };
    }

    private static int Fill(Stream stream, byte[] buffer, int offset)
    {
        var total = offset;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
