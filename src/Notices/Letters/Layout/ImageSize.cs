using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Notices.Letters.Layout;

/// <summary>Reads the pixel size of a PNG or JPEG from its header (for the aspect ratio); cached per path.</summary>
public static class ImageSize
{
    private static readonly ConcurrentDictionary<string, (int Width, int Height)> s_cache = new(StringComparer.Ordinal);

    public static (int Width, int Height) Read(string path) => s_cache.GetOrAdd(path, static p => ReadUncached(p));

    private static (int Width, int Height) ReadUncached(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 24 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G')
        {
            return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }

        if (bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < bytes.Length)
            {
                if (bytes[i] != 0xFF)
                {
                    i++;
                    continue;
                }

                var marker = bytes[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
                // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return (BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 5)));
                }

                i += 2 + length;
            }
        }

        throw new InvalidDataException($"The logo '{path}' is not a PNG or JPEG file this layout can read.");
    }
}
