namespace Notices.Letters.Images;

/// <summary>8-bit RGBA pixels, row by row, not premultiplied.</summary>
internal sealed class RgbaImage(int width, int height)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = new byte[checked(width * height * 4)];
}
