using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// Writes PNGs of every colour type and bit depth for logo tests, without an imaging library: a solid block of one
/// pixel value, each row with another filter (none, sub, up, average, Paeth) so that a decoder's unfiltering is tried.
/// </summary>
public static class PngWriter
{
    /// <param name="samples">The pixel's samples at <paramref name="bitDepth"/> (a palette index for colour type 3).</param>
    public static byte[] Solid(int width, int height, int colourType, int bitDepth, int[] samples,
        byte[]? palette = null, byte[]? transparency = null, bool interlaced = false) =>
        Image(width, height, colourType, bitDepth, (_, _) => samples, palette, transparency, interlaced);

    /// <summary>A PNG whose pixel (x, y) has the samples <paramref name="pixel"/> gives; Adam7-interlaced on request.</summary>
    public static byte[] Image(int width, int height, int colourType, int bitDepth, Func<int, int, int[]> pixel,
        byte[]? palette = null, byte[]? transparency = null, bool interlaced = false)
    {
        using var raw = new MemoryStream();
        var passes = interlaced
            ? new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) }
            : [(0, 0, 1, 1)];
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var passWidth = (width - x0 + dx - 1) / dx;
            var passHeight = (height - y0 + dy - 1) / dy;
            if (passWidth > 0 && passHeight > 0)
            {
                WriteRows(raw, passWidth, passHeight, bitDepth, (i, j) => pixel(x0 + (i * dx), y0 + (j * dy)));
            }
        }

        return Assemble(width, height, colourType, bitDepth, interlaced, Compress(raw.ToArray()), palette, transparency);
    }

    private static void WriteRows(Stream raw, int width, int height, int bitDepth, Func<int, int, int[]> pixel)
    {
        var bitsPerPixel = pixel(0, 0).Length * bitDepth;
        var stride = ((width * bitsPerPixel) + 7) / 8;
        var unit = Math.Max(1, bitsPerPixel / 8);
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var row = new byte[stride];
            var bit = 0;
            for (var x = 0; x < width; x++)
            {
                foreach (var sample in pixel(x, y))
                {
                    if (bitDepth == 16)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(bit / 8), (ushort)sample);
                    }
                    else
                    {
                        row[bit / 8] |= (byte)(sample << (8 - bitDepth - (bit % 8)));
                    }

                    bit += bitDepth;
                }
            }

            var filter = (byte)(y % 5);
            raw.WriteByte(filter);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= unit ? row[i - unit] : 0, up = previous[i], upLeft = i >= unit ? previous[i - unit] : 0;
                var predictor = filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) >> 1,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                };
                raw.WriteByte((byte)(row[i] - predictor));
            }

            previous = row;
        }
    }

    /// <summary>
    /// A huge RGB PNG whose rows are all zero: a few hundred KB to a few MB on disk, gigabytes once decoded. The
    /// image data is written row by row, so making it needs no more memory than the compressed file.
    /// </summary>
    public static byte[] ZeroRows(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return Assemble(width, height, 2, 8, false, compressed.ToArray(), null, null);
    }

    private static byte[] Compress(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return compressed.ToArray();
    }

    private static byte[] Assemble(int width, int height, int colourType, int bitDepth, bool interlaced, byte[] idat, byte[]? palette, byte[]? transparency)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colourType;
        header[12] = (byte)(interlaced ? 1 : 0);
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }

        WriteChunk(png, "IDAT", idat);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        output.Write(four);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(four, crc ^ 0xFFFFFFFFu);
        output.Write(four);
    }
}
