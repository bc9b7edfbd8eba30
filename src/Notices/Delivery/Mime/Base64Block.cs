using System.Buffers.Text;

namespace Notices.Delivery.Mime;

/// <summary>Base64 in 76-character lines, each ending in CRLF (RFC 2045), made in one pass with the vectorised encoder.</summary>
internal static class Base64Block
{
    private const int BytesPerLine = 57; // 57 bytes → 76 characters

    public static byte[] Encode(ReadOnlySpan<byte> data)
    {
        var lines = (data.Length + BytesPerLine - 1) / BytesPerLine;
        var output = new byte[((data.Length + 2) / 3 * 4) + (lines * 2)];
        var written = 0;
        for (var i = 0; i < data.Length; i += BytesPerLine)
        {
            var chunk = data.Slice(i, Math.Min(BytesPerLine, data.Length - i));
            Base64.EncodeToUtf8(chunk, output.AsSpan(written), out _, out var n);
            written += n;
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
        }

        return output;
    }
}
