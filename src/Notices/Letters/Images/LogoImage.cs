namespace Notices.Letters.Images;

/// <summary>
/// A logo prepared once per campaign: checked by its header (format, pixel count) before any pixel is decoded, then a
/// PNG is decoded, scaled to the logo box at <see cref="Dpi"/> and re-encoded as an 8-bit PNG, and a JPEG is kept
/// unchanged. Every letter of the run draws these same bytes; nothing is decoded or scaled per letter.
/// </summary>
public sealed class LogoImage
{
    /// <summary>
    /// Largest source image accepted. Decoding streams row by row, but the decode time grows with the pixel count, and
    /// a logo of more than 25 megapixels (5000 x 5000) is a photo or a mistake: the box prints at most 2126 x 178 pixels.
    /// </summary>
    public const long MaxPixels = 25_000_000;
    /// <summary>Largest logo file read at all (the file is read into memory once).</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;
    /// <summary>A JPEG is embedded unchanged in every letter, so it must stay small.</summary>
    public const long MaxJpegBytes = 1024 * 1024;
    public const int Dpi = 300;
    /// <summary>The logo box is 15 mm high and at most 180 mm wide (see FirstPageHeader).</summary>
    public const double BoxHeightMm = 15;
    public const double MaxBoxWidthMm = 180;

    private static int s_prepared;

    private LogoImage(string path, int width, int height, LogoFormat format, byte[] data)
    {
        Path = path;
        PixelWidth = width;
        PixelHeight = height;
        Format = format;
        Data = data;
    }

    /// <summary>How many logos this process has prepared (decoded and scaled); tests use it to prove "once per campaign".</summary>
    public static int PreparedCount => Volatile.Read(ref s_prepared);

    public string Path { get; }
    /// <summary>The source's size, for the aspect ratio.</summary>
    public int PixelWidth { get; }
    public int PixelHeight { get; }
    public LogoFormat Format { get; }
    /// <summary>The bytes drawn into each PDF: an 8-bit PNG at box size, or the JPEG file.</summary>
    public byte[] Data { get; }

    /// <exception cref="LogoException">The file cannot be drawn; the message says what to convert it to.</exception>
    public static LogoImage Load(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new LogoException($"the file is {length / (1024 * 1024)} MB; a logo may be at most {MaxFileBytes / (1024 * 1024)} MB. Save it smaller.");
        }

        var bytes = File.ReadAllBytes(path);
        Interlocked.Increment(ref s_prepared);
        if (PngHeader.HasSignature(bytes))
        {
            var header = PngHeader.Read(bytes);
            CheckPixels(header.Width, header.Height);
            var (width, height) = BoxPixels(header.Width, header.Height);
            var scaled = PngDecoder.DecodeScaled(bytes, header, width, height);
            return new LogoImage(path, header.Width, header.Height, LogoFormat.Png, PngEncoder.Encode(scaled));
        }

        if (JpegHeader.HasSignature(bytes))
        {
            var header = JpegHeader.Read(bytes);
            CheckPixels(header.Width, header.Height);
            if (length > MaxJpegBytes)
            {
                throw new LogoException($"the JPEG is {length / 1024} KB and is embedded unchanged in every letter; save it at most {MaxJpegBytes / 1024} KB, or as PNG (which is scaled down).");
            }

            return new LogoImage(path, header.Width, header.Height, LogoFormat.Jpeg, bytes);
        }

        throw new LogoException("the file is not a PNG or JPEG image (its first bytes are neither); save the logo as PNG.");
    }

    private static void CheckPixels(int width, int height)
    {
        if ((long)width * height > MaxPixels)
        {
            throw new LogoException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the image is {width} x {height} pixels; a logo may have at most {MaxPixels / 1_000_000} megapixels. Scale it down (a logo needs no more than about 2000 pixels across)."));
        }
    }

    /// <summary>The source size reduced to fit the largest logo box at <see cref="Dpi"/>, keeping the aspect ratio; never enlarged.</summary>
    internal static (int Width, int Height) BoxPixels(int width, int height)
    {
        var maxHeight = Math.Ceiling(BoxHeightMm / 25.4 * Dpi);
        var maxWidth = Math.Ceiling(MaxBoxWidthMm / 25.4 * Dpi);
        var scale = Math.Min(1.0, Math.Min(maxHeight / height, maxWidth / width));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
