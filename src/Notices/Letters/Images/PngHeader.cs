using System.Buffers.Binary;

namespace Notices.Letters.Images;

/// <summary>The IHDR of a PNG, read and checked without decoding any pixels.</summary>
public sealed record PngHeader(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
{
    public static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.Length >= 8 && bytes[..8].SequenceEqual(Signature);

    public int Channels => ColourType switch
    {
        0 => 1,
        2 => 3,
        3 => 1,
        4 => 2,
        _ => 4,
    };

    /// <exception cref="LogoException">Not a PNG this reader can draw.</exception>
    public static PngHeader Read(ReadOnlySpan<byte> bytes)
    {
        if (!HasSignature(bytes) || bytes.Length < 33 || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new LogoException("the file is not a PNG image (its first bytes are not a PNG header); save it as PNG or JPEG.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..]);
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..]);
        var header = new PngHeader(width, height, bytes[24], bytes[25], bytes[28] == 1);
        var validDepth = header.ColourType switch
        {
            0 => header.BitDepth is 1 or 2 or 4 or 8 or 16,
            3 => header.BitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => header.BitDepth is 8 or 16,
            _ => false,
        };
        if (!validDepth || bytes[26] != 0 || bytes[27] != 0 || bytes[28] > 1)
        {
            throw new LogoException($"the PNG header is damaged or uses an unknown format (colour type {header.ColourType}, {header.BitDepth} bits); save it again as an ordinary PNG.");
        }

        if (width <= 0 || height <= 0)
        {
            throw new LogoException("the PNG has no pixels; save it again.");
        }

        return header;
    }
}
