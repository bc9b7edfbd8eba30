using System.Buffers.Binary;

namespace Notices.Letters.Images;

/// <summary>The frame header (SOF) of a JPEG: size, components and coding, read without decoding.</summary>
public sealed record JpegHeader(int Width, int Height, int Components, int Precision, bool Progressive)
{
    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    /// <exception cref="LogoException">Not a JPEG that PDF viewers draw reliably.</exception>
    public static JpegHeader Read(ReadOnlySpan<byte> bytes)
    {
        var i = 2;
        while (i + 4 <= bytes.Length)
        {
            if (bytes[i] != 0xFF)
            {
                throw new LogoException("the JPEG is damaged (no marker where one belongs); save it again as JPEG or PNG.");
            }

            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 10 > bytes.Length)
                {
                    break;
                }

                var header = new JpegHeader(
                    BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]),
                    bytes[i + 9],
                    bytes[i + 4],
                    marker is 0xC2 or 0xC6 or 0xCA or 0xCE);
                if (marker is not (0xC0 or 0xC1 or 0xC2) || header.Precision != 8)
                {
                    throw new LogoException("the JPEG uses a coding PDF viewers do not all read (lossless, arithmetic or 12-bit); save it as an ordinary 8-bit JPEG or as PNG.");
                }

                if (header.Components is not (1 or 3))
                {
                    throw new LogoException($"the JPEG has {header.Components} colour channels (CMYK is for print shops and is shown inverted by some viewers); convert it to an RGB JPEG or a PNG.");
                }

                if (header.Width == 0 || header.Height == 0)
                {
                    throw new LogoException("the JPEG gives no size in its header; save it again.");
                }

                return header;
            }

            if (marker == 0xDA)
            {
                break;
            }

            i += 2 + length;
        }

        throw new LogoException("the JPEG is cut short or damaged (no frame header found); save it again as JPEG or PNG.");
    }
}
