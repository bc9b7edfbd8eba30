using System.Globalization;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>Page 1 of a PDF rendered with pdftoppm (poppler-utils) to a PPM, read back pixel by pixel.</summary>
public sealed class PageRaster
{
    private readonly byte[] _pixels;

    private PageRaster(int width, int height, int dpi, byte[] pixels)
    {
        Width = width;
        Height = height;
        Dpi = dpi;
        _pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Dpi { get; }

    public static PageRaster FirstPage(string pdf, int dpi = 72)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, "raster-" + Guid.NewGuid().ToString("N"));
        Poppler.Run("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", pdf, prefix);
        var bytes = File.ReadAllBytes(prefix + ".ppm");
        File.Delete(prefix + ".ppm");
        // "P6\n<w> <h>\n255\n" then RGB bytes.
        var at = 0;
        var fields = new List<string>();
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            fields.Add(Encoding.ASCII.GetString(bytes, start, at - start));
        }

        at++;
        return new PageRaster(int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture), dpi, bytes[at..]);
    }

    /// <summary>The colour at a point given in PDF points from the top-left corner.</summary>
    public (int R, int G, int B) AtPoint(double x, double y)
    {
        var px = (int)(x / 72 * Dpi);
        var py = (int)(y / 72 * Dpi);
        var i = ((py * Width) + px) * 3;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }
}
