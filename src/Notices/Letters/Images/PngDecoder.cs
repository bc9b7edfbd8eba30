using System.Buffers.Binary;
using System.IO.Compression;

namespace Notices.Letters.Images;

/// <summary>
/// Decodes a PNG of any colour type and bit depth (grey, grey+alpha, RGB, RGBA, palette with tRNS; 1 to 16 bits;
/// interlaced or not) row by row, and box-averages it straight into an RGBA image of the requested size. Only one source
/// row is held at a time, so memory stays bounded by the output size, not by the source.
/// </summary>
internal static class PngDecoder
{
    public static RgbaImage DecodeScaled(byte[] file, PngHeader header, int outWidth, int outHeight)
    {
        var (palette, transparency, idat) = ReadChunks(file, header);
        if (header.Interlaced)
        {
            return DecodeInterlaced(header, palette, transparency, idat, outWidth, outHeight);
        }

        var bitsPerPixel = header.Channels * header.BitDepth;
        var stride = checked((int)(((long)header.Width * bitsPerPixel + 7) / 8));
        var filterUnit = Math.Max(1, bitsPerPixel / 8);
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgba = new byte[header.Width * 4];
        // Premultiplied sums per output pixel of the current output row: r*a, g*a, b*a, a, count.
        var sums = new long[outWidth * 5];
        var outRow = 0;
        var image = new RgbaImage(outWidth, outHeight);

        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        for (var y = 0; y < header.Height; y++)
        {
            var filter = ReadExactly(zlib, current.AsSpan(0, 1), y) ? current[0] : (byte)0;
            if (filter > 4)
            {
                throw new LogoException($"the PNG data is damaged (row {y + 1} has an unknown filter); save it again.");
            }

            ReadExactly(zlib, current, y);
            Unfilter(filter, current, previous, filterUnit);
            PngPixels.ToRgba(header, header.Width, current, rgba, palette, transparency);

            var targetRow = (int)((long)y * outHeight / header.Height);
            if (targetRow != outRow)
            {
                Flush(sums, image, outRow);
                outRow = targetRow;
            }

            for (var x = 0; x < header.Width; x++)
            {
                var o = (int)((long)x * outWidth / header.Width) * 5;
                var a = rgba[(x * 4) + 3];
                sums[o] += rgba[x * 4] * a;
                sums[o + 1] += rgba[(x * 4) + 1] * a;
                sums[o + 2] += rgba[(x * 4) + 2] * a;
                sums[o + 3] += a;
                sums[o + 4]++;
            }

            (previous, current) = (current, previous);
        }

        Flush(sums, image, outRow);
        return image;
    }

    /// <summary>
    /// Adam7: seven passes, each a small image of every 8th, 4th or 2nd pixel. The sums cover the whole output (at most
    /// the box size), since a pass's rows land all over it.
    /// </summary>
    private static RgbaImage DecodeInterlaced(PngHeader header, byte[]? palette, byte[]? transparency, Stream idat, int outWidth, int outHeight)
    {
        ReadOnlySpan<(int X0, int Y0, int Dx, int Dy)> passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var bitsPerPixel = header.Channels * header.BitDepth;
        var filterUnit = Math.Max(1, bitsPerPixel / 8);
        var sums = new long[(long)outWidth * outHeight * 5];
        var rgba = new byte[header.Width * 4];
        var filterByte = new byte[1];
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var row = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var width = (header.Width - x0 + dx - 1) / dx;
            var height = (header.Height - y0 + dy - 1) / dy;
            if (width <= 0 || height <= 0)
            {
                continue;
            }

            var stride = checked((int)(((long)width * bitsPerPixel + 7) / 8));
            var previous = new byte[stride];
            var current = new byte[stride];
            for (var j = 0; j < height; j++, row++)
            {
                ReadExactly(zlib, filterByte, row);
                if (filterByte[0] > 4)
                {
                    throw new LogoException($"the PNG data is damaged (row {row + 1} has an unknown filter); save it again.");
                }

                ReadExactly(zlib, current, row);
                Unfilter(filterByte[0], current, previous, filterUnit);
                PngPixels.ToRgba(header, width, current, rgba, palette, transparency);
                var outRow = (int)((long)(y0 + (j * dy)) * outHeight / header.Height);
                for (var i = 0; i < width; i++)
                {
                    var o = (((long)outRow * outWidth) + ((long)(x0 + (i * dx)) * outWidth / header.Width)) * 5;
                    var a = rgba[(i * 4) + 3];
                    sums[o] += rgba[i * 4] * a;
                    sums[o + 1] += rgba[(i * 4) + 1] * a;
                    sums[o + 2] += rgba[(i * 4) + 2] * a;
                    sums[o + 3] += a;
                    sums[o + 4]++;
                }

                (previous, current) = (current, previous);
            }
        }

        var image = new RgbaImage(outWidth, outHeight);
        var rowSums = new long[outWidth * 5];
        for (var y = 0; y < outHeight; y++)
        {
            Array.Copy(sums, (long)y * outWidth * 5, rowSums, 0, rowSums.Length);
            Flush(rowSums, image, y);
        }

        return image;
    }

    private static (byte[]? Palette, byte[]? Transparency, MemoryStream Idat) ReadChunks(byte[] file, PngHeader header)
    {
        byte[]? palette = null;
        byte[]? transparency = null;
        var idat = new MemoryStream();
        var at = 8;
        while (at + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            if (length < 0 || at + 12L + length > file.Length)
            {
                throw new LogoException("the PNG is cut short or damaged; save it again.");
            }

            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            switch (type)
            {
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
            if (type == "IEND")
            {
                break;
            }
        }

        if (header.ColourType == 3 && (palette is null || palette.Length < 3))
        {
            throw new LogoException("the palette PNG has no palette (PLTE); save it again as an ordinary PNG.");
        }

        if (idat.Length == 0)
        {
            throw new LogoException("the PNG has no image data; save it again.");
        }

        idat.Position = 0;
        return (palette, transparency, idat);
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer, int row)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw new LogoException($"the PNG image data is cut short or damaged (at row {row + 1}); save it again.");
        }
    }

    private static void Unfilter(byte filter, byte[] row, byte[] previous, int unit)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= unit ? row[i - unit] : 0;
            int up = previous[i];
            int upLeft = i >= unit ? previous[i - unit] : 0;
            row[i] = filter switch
            {
                1 => (byte)(row[i] + left),
                2 => (byte)(row[i] + up),
                3 => (byte)(row[i] + ((left + up) >> 1)),
                4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                _ => row[i],
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Flush(long[] sums, RgbaImage image, int row)
    {
        for (var x = 0; x < image.Width; x++)
        {
            var o = x * 5;
            var count = sums[o + 4];
            if (count > 0)
            {
                var alpha = sums[o + 3];
                var p = ((row * image.Width) + x) * 4;
                if (alpha > 0)
                {
                    image.Pixels[p] = (byte)(sums[o] / alpha);
                    image.Pixels[p + 1] = (byte)(sums[o + 1] / alpha);
                    image.Pixels[p + 2] = (byte)(sums[o + 2] / alpha);
                }

                image.Pixels[p + 3] = (byte)(alpha / count);
            }
        }

        Array.Clear(sums);
    }
}
