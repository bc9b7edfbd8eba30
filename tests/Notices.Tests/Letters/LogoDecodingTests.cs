using System.Buffers.Binary;
using System.IO.Compression;
using Notices.Letters.Images;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Letters;

/// <summary>
/// The PNG decoder gives back exactly the pixels written, for every colour type and bit depth and all five row
/// filters, on images with changing data (a solid block would hide a wrong filter); interlaced or not.
/// </summary>
public sealed class LogoDecodingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(2, 8, false)]
    [InlineData(2, 16, false)]
    [InlineData(6, 8, false)]
    [InlineData(6, 16, true)]
    [InlineData(0, 1, false)]
    [InlineData(0, 2, true)]
    [InlineData(0, 4, false)]
    [InlineData(0, 8, true)]
    [InlineData(0, 16, false)]
    [InlineData(4, 8, false)]
    [InlineData(4, 16, true)]
    [InlineData(3, 4, false)]
    [InlineData(3, 8, true)]
    public void Every_pixel_is_decoded_as_written(int colourType, int depth, bool interlaced)
    {
        const int width = 37, height = 23;
        var max = (1 << depth) - 1;
        var channels = colourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };
        // Opaque alpha: a transparent pixel's colour is not kept (the encoder stores straight alpha over averages).
        int Sample(int x, int y, int c) => colourType is 4 or 6 && c == channels - 1 ? max : ((x * 31) + (y * 17) + (c * 50)) % (max + 1);
        var palette = Enumerable.Range(0, 256).SelectMany(i => new[] { (byte)i, (byte)(255 - i), (byte)(i * 3) }).ToArray();
        File.WriteAllBytes(_dir.File("in.png"), PngWriter.Image(width, height, colourType, depth,
            (x, y) => Enumerable.Range(0, channels).Select(c => Sample(x, y, c)).ToArray(), colourType == 3 ? palette : null, interlaced: interlaced));

        var (w, h, outChannels, pixels) = ReadPlainPng(LogoImage.Load(_dir.File("in.png")).Data);

        Assert.Equal((width, height), (w, h));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = ((y * width) + x) * outChannels;
                var expected = colourType switch
                {
                    3 => palette.AsSpan(Sample(x, y, 0) * 3, 3).ToArray(),
                    0 or 4 => Enumerable.Repeat(To8(Sample(x, y, 0), depth), 3).ToArray(),
                    _ => [To8(Sample(x, y, 0), depth), To8(Sample(x, y, 1), depth), To8(Sample(x, y, 2), depth)],
                };
                Assert.True(expected.AsSpan().SequenceEqual(pixels.AsSpan(p, 3)), $"pixel {x},{y}");
            }
        }
    }

    private static byte To8(int sample, int depth) => depth switch
    {
        16 => (byte)(sample >> 8),
        _ => (byte)(sample * 255 / ((1 << depth) - 1)),
    };

    /// <summary>Reads the 8-bit, filter-0 PNG that <see cref="LogoImage"/> writes.</summary>
    private static (int Width, int Height, int Channels, byte[] Pixels) ReadPlainPng(byte[] png)
    {
        var header = PngHeader.Read(png);
        Assert.Equal(8, header.BitDepth);
        var channels = header.ColourType == 6 ? 4 : 3;
        using var idat = new MemoryStream();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var pixels = new byte[header.Width * header.Height * channels];
        var row = new byte[1 + (header.Width * channels)];
        for (var y = 0; y < header.Height; y++)
        {
            zlib.ReadExactly(row);
            Assert.Equal(0, row[0]);
            row.AsSpan(1).CopyTo(pixels.AsSpan(y * header.Width * channels));
        }

        return (header.Width, header.Height, channels, pixels);
    }
}
