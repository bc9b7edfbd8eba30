using System.Buffers;
using System.Buffers.Text;

namespace Notices.Delivery.Mime;

/// <summary>Base64 in 76-character CRLF lines, streamed from a file in chunks: the file is never held in memory.</summary>
public static class Base64Lines
{
    private const int BytesPerLine = 57; // 57 bytes → 76 base64 characters
    private const int LinesPerChunk = 512;

    /// <summary>Bytes the encoding of <paramref name="length"/> input bytes takes, line breaks included.</summary>
    public static long EncodedLength(long length)
    {
        var fullLines = length / BytesPerLine;
        var rest = length % BytesPerLine;
        return (fullLines * (76 + 2)) + (rest == 0 ? 0 : (((rest + 2) / 3 * 4) + 2));
    }

    /// <summary>
    /// Reads <paramref name="source"/> synchronously (a file: see <see cref="MimeMessage.WriteBodyAsync"/>) and writes
    /// to <paramref name="destination"/> asynchronously (a socket or a file being written). Returns the number of bytes
    /// read, so the caller can tell a file that changed under it.
    /// </summary>
    public static async Task<long> WriteAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(BytesPerLine * LinesPerChunk);
        var output = ArrayPool<byte>.Shared.Rent((76 + 2) * LinesPerChunk);
        try
        {
            return await EncodeAsync(source, destination, input, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static async Task<long> EncodeAsync(Stream source, Stream destination, byte[] input, byte[] output, CancellationToken cancellationToken)
    {
        const int chunk = BytesPerLine * LinesPerChunk;
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = source.ReadAtLeast(input.AsSpan(0, chunk), chunk, throwOnEndOfStream: false);
            if (read == 0)
            {
                return total;
            }

            total += read;

            var written = 0;
            for (var offset = 0; offset < read; offset += BytesPerLine)
            {
                var slice = input.AsSpan(offset, Math.Min(BytesPerLine, read - offset));
                Base64.EncodeToUtf8(slice, output.AsSpan(written), out _, out var n);
                written += n;
                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
            }

            await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            if (read < chunk)
            {
                return total;
            }
        }
    }
}
