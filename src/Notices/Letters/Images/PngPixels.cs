using System.Buffers.Binary;

namespace Notices.Letters.Images;

/// <summary>PNG samples of any colour type and bit depth to 8-bit RGBA.</summary>
internal static class PngPixels
{
    /// <summary>Turns one unfiltered row of <paramref name="width"/> pixels into 8-bit RGBA (tRNS and palette applied).</summary>
    public static void ToRgba(PngHeader header, int width, byte[] row, byte[] rgba, byte[]? palette, byte[]? transparency)
    {
        var depth = header.BitDepth;
        for (var x = 0; x < width; x++)
        {
            byte r, g, b, a = 255;
            switch (header.ColourType)
            {
                case 0:
                {
                    var v = Sample(row, x, depth);
                    r = g = b = Scale(v, depth);
                    if (transparency is { Length: >= 2 } && v == BinaryPrimitives.ReadUInt16BigEndian(transparency))
                    {
                        a = 0;
                    }

                    break;
                }
                case 2:
                {
                    int vr = Sample(row, x * 3, depth), vg = Sample(row, (x * 3) + 1, depth), vb = Sample(row, (x * 3) + 2, depth);
                    (r, g, b) = (Scale(vr, depth), Scale(vg, depth), Scale(vb, depth));
                    if (transparency is { Length: >= 6 } && vr == BinaryPrimitives.ReadUInt16BigEndian(transparency)
                        && vg == BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(2)) && vb == BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(4)))
                    {
                        a = 0;
                    }

                    break;
                }
                case 3:
                {
                    var index = Sample(row, x, depth);
                    if ((index * 3) + 2 >= palette!.Length)
                    {
                        throw new LogoException("the palette PNG uses a colour its palette does not have; save it again.");
                    }

                    (r, g, b) = (palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2]);
                    if (transparency is not null && index < transparency.Length)
                    {
                        a = transparency[index];
                    }

                    break;
                }
                case 4:
                    r = g = b = Scale(Sample(row, x * 2, depth), depth);
                    a = Scale(Sample(row, (x * 2) + 1, depth), depth);
                    break;
                default:
                    (r, g, b, a) = (Scale(Sample(row, x * 4, depth), depth), Scale(Sample(row, (x * 4) + 1, depth), depth),
                        Scale(Sample(row, (x * 4) + 2, depth), depth), Scale(Sample(row, (x * 4) + 3, depth), depth));
                    break;
            }

            rgba[x * 4] = r;
            rgba[(x * 4) + 1] = g;
            rgba[(x * 4) + 2] = b;
            rgba[(x * 4) + 3] = a;
        }
    }

    /// <summary>The index-th sample of the row at the given bit depth (1, 2, 4, 8 or 16 bits, most significant first).</summary>
    private static int Sample(byte[] row, int index, int depth) => depth switch
    {
        16 => (row[index * 2] << 8) | row[(index * 2) + 1],
        8 => row[index],
        _ => (row[index * depth / 8] >> (8 - depth - (index * depth % 8))) & ((1 << depth) - 1),
    };

    private static byte Scale(int value, int depth) => depth switch
    {
        16 => (byte)(value >> 8),
        8 => (byte)value,
        _ => (byte)(value * 255 / ((1 << depth) - 1)),
    };
}
