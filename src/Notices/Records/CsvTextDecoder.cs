using System.Text;
using System.Text.Unicode;

namespace Notices.Records;

/// <summary>
/// Detects the encoding of a CSV file exported from Excel or a CRM and decodes it:
/// UTF-8 with BOM, UTF-16 with BOM, strictly valid UTF-8 without BOM, else Windows-1252.
/// </summary>
public static class CsvTextDecoder
{
    public const string Utf8BomName = "UTF-8 BOM";
    public const string Utf8Name = "UTF-8";
    public const string Utf16Name = "UTF-16";
    public const string Windows1252Name = "Windows-1252";

    static CsvTextDecoder()
    {
        // The code-page encodings ship with .NET (System.Text.Encoding.CodePages is in the shared framework);
        // they only need registering.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>The Windows-1252 encoding (also handy for writing test files).</summary>
    public static Encoding Windows1252 { get; }

    /// <summary>Decodes <paramref name="bytes"/>, without any byte order mark, and names the encoding found.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out string encodingName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = Utf8BomName;
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encodingName = Utf16Name;
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encodingName = Utf16Name;
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        // Windows-1252 text with any byte above 0x7F is almost never valid UTF-8 (æ = E6 alone is not a
        // valid sequence), so a strict UTF-8 check tells the two apart.
        if (Utf8.IsValid(bytes))
        {
            encodingName = Utf8Name;
            return Encoding.UTF8.GetString(bytes);
        }

        encodingName = Windows1252Name;
        return Windows1252.GetString(bytes);
    }
}
