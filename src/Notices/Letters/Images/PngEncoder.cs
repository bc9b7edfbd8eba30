using System.Buffers.Binary;
using System.IO.Compression;

namespace Notices.Letters.Images;

/// <summary>Writes an 8-bit PNG (RGB when every pixel is opaque, else RGBA): the one PNG form PDFsharp draws for sure.</summary>
internal static class PngEncoder
{
    private static readonly uint[] s_crcTable = MakeCrcTable();

    public static byte[] Encode(RgbaImage image)
    {
        var opaque = true;
        for (var i = 3; i < image.Pixels.Length; i += 4)
        {
            opaque &= image.Pixels[i] == 255;
        }

        var channels = opaque ? 3 : 4;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (image.Width * channels)];
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    var p = ((y * image.Width) + x) * 4;
                    image.Pixels.AsSpan(p, channels).CopyTo(row.AsSpan(1 + (x * channels)));
                }

                zlib.Write(row);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = (byte)(opaque ? 2 : 6);
        using var png = new MemoryStream();
        png.Write(PngHeader.Signature);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        output.Write(four);
        output.Write(type);
        output.Write(data);
        var crc = Crc(0xFFFFFFFFu, type);
        crc = Crc(crc, data);
        BinaryPrimitives.WriteUInt32BigEndian(four, crc ^ 0xFFFFFFFFu);
        output.Write(four);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
