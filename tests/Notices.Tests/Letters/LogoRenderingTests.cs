using Notices.Letters.Images;
using Notices.Letters.Layout;
using Notices.Tests.Letters.Layout;
using Notices.Tests.Letters.Pdf;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Letters;

/// <summary>
/// Logos in the formats people have (PNG of every colour type and bit depth, JPEG baseline and progressive) are drawn:
/// a letter is made with each and rendered with pdftoppm, and the middle of the logo box has the logo's colour.
/// The 16-bit PNG is the tester's finding: it stopped send with "Unsupported image format.".
/// </summary>
public sealed class LogoRenderingTests : IDisposable
{
    private static readonly (int R, int G, int B) s_red = (200, 30, 40);
    private static readonly (int R, int G, int B) s_grey = (40, 40, 40);
    private static readonly (int R, int G, int B) s_white = (255, 255, 255);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> PngKinds => new()
    {
        "rgb8", "rgb16", "rgba8", "rgba16", "palette1", "palette8", "palette-trns", "grey1", "grey2", "grey4", "grey8", "grey16",
        "grey-alpha8", "grey-alpha16", "rgb8-trns-other", "rgb8-interlaced", "palette2-interlaced", "rgba16-interlaced",
    };

    [Theory]
    [MemberData(nameof(PngKinds))]
    public void A_png_logo_of_each_kind_is_drawn_in_its_colour(string kind)
    {
        var (png, expected) = Png(kind);
        var path = _dir.File(kind + ".png");
        File.WriteAllBytes(path, png);

        Assert.Equal(expected, LogoColour(LogoImage.Load(path)), new Near());
    }

    [Theory]
    [InlineData("baseline.jpg", false)]
    [InlineData("progressive.jpg", false)]
    [InlineData("grey.jpg", true)]
    public void A_jpeg_logo_is_drawn_in_its_colour(string fixture, bool grey)
    {
        var logo = LogoImage.Load(Fixture(fixture));

        Assert.Equal(LogoFormat.Jpeg, logo.Format);
        Assert.Equal(grey ? s_grey : s_red, LogoColour(logo), new Near());
    }

    [Fact]
    public void A_fully_transparent_palette_colour_leaves_the_page_white()
    {
        var path = _dir.File("clear.png");
        File.WriteAllBytes(path, PngWriter.Solid(60, 30, 3, 8, [0], palette: [0, 0, 255], transparency: [0]));

        Assert.Equal(s_white, LogoColour(LogoImage.Load(path)), new Near());
    }

    [Fact]
    public void A_large_png_is_scaled_down_to_the_box_at_300_dpi_once_when_prepared()
    {
        var path = _dir.File("large.png");
        File.WriteAllBytes(path, PngWriter.Solid(4000, 1000, 2, 16, [200 * 257, 30 * 257, 40 * 257]));

        var logo = LogoImage.Load(path);

        Assert.Equal((4000, 1000), (logo.PixelWidth, logo.PixelHeight));
        var header = PngHeader.Read(logo.Data);
        // 15 mm at 300 dpi is 178 pixels; the aspect ratio is kept.
        Assert.Equal((712, 178), (header.Width, header.Height));
        Assert.Equal(8, header.BitDepth);
        Assert.Equal(s_red, LogoColour(logo), new Near());
    }

    [Theory]
    [InlineData(37, 23, 2, 8)]
    [InlineData(300, 90, 6, 16)]
    [InlineData(9, 5, 0, 4)]
    [InlineData(1, 1, 2, 8)]
    [InlineData(800, 400, 2, 8)]
    public void An_interlaced_png_gives_the_same_logo_as_the_same_image_not_interlaced(int width, int height, int colourType, int depth)
    {
        var max = (1 << depth) - 1;
        var channels = colourType switch { 0 => 1, 2 => 3, _ => 4 };
        int[] Pixel(int x, int y) => Enumerable.Range(0, channels)
            .Select(c => c == 3 ? max - ((x * 7) % (max / 2)) : ((x * 31) + (y * 17) + (c * 50)) % (max + 1)).ToArray();
        File.WriteAllBytes(_dir.File("plain.png"), PngWriter.Image(width, height, colourType, depth, Pixel));
        File.WriteAllBytes(_dir.File("adam7.png"), PngWriter.Image(width, height, colourType, depth, Pixel, interlaced: true));

        var plain = LogoImage.Load(_dir.File("plain.png"));
        var adam7 = LogoImage.Load(_dir.File("adam7.png"));

        Assert.Equal(plain.Data, adam7.Data);
    }

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Letters", "Fixtures", name);

    /// <summary>The colour in the middle of the logo box of page 1, rendered by pdftoppm.</summary>
    private static (int R, int G, int B) LogoColour(LogoImage logo)
    {
        var letter = SampleLetters.Create() with { Logo = logo };
        var box = new LetterLayoutEngine().Layout(letter).Pages[0].Ops.OfType<ImageOp>().Single();
        Assert.Same(logo, box.Image);
        using var pdf = new TempPdf(letter);
        var raster = PageRaster.FirstPage(pdf.Path);
        return raster.AtPoint(box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }

    private static (byte[] Png, (int, int, int) Colour) Png(string kind) => kind switch
    {
        "rgb8" => (PngWriter.Solid(60, 30, 2, 8, [200, 30, 40]), s_red),
        "rgb16" => (PngWriter.Solid(60, 30, 2, 16, [200 * 257, 30 * 257, 40 * 257]), s_red),
        "rgba8" => (PngWriter.Solid(60, 30, 6, 8, [200, 30, 40, 255]), s_red),
        "rgba16" => (PngWriter.Solid(60, 30, 6, 16, [200 * 257, 30 * 257, 40 * 257, 65535]), s_red),
        "palette1" => (PngWriter.Solid(60, 30, 3, 1, [1], palette: [0, 0, 0, 200, 30, 40]), s_red),
        "palette8" => (PngWriter.Solid(60, 30, 3, 8, [2], palette: [0, 0, 0, 9, 9, 9, 200, 30, 40]), s_red),
        "palette-trns" => (PngWriter.Solid(60, 30, 3, 8, [1], palette: [0, 0, 255, 200, 30, 40], transparency: [0, 255]), s_red),
        "grey1" => (PngWriter.Solid(60, 30, 0, 1, [0]), (0, 0, 0)),
        "grey2" => (PngWriter.Solid(60, 30, 0, 2, [1]), (85, 85, 85)),
        "grey4" => (PngWriter.Solid(60, 30, 0, 4, [3]), (51, 51, 51)),
        "grey8" => (PngWriter.Solid(60, 30, 0, 8, [40]), s_grey),
        "grey16" => (PngWriter.Solid(60, 30, 0, 16, [40 * 257]), s_grey),
        "grey-alpha8" => (PngWriter.Solid(60, 30, 4, 8, [40, 255]), s_grey),
        "grey-alpha16" => (PngWriter.Solid(60, 30, 4, 16, [40 * 257, 65535]), s_grey),
        // A tRNS colour key that is not the image's colour leaves the image opaque.
        "rgb8-trns-other" => (PngWriter.Solid(60, 30, 2, 8, [200, 30, 40], transparency: [0, 0, 0, 0, 0, 0]), s_red),
        "rgb8-interlaced" => (PngWriter.Solid(61, 29, 2, 8, [200, 30, 40], interlaced: true), s_red),
        "palette2-interlaced" => (PngWriter.Solid(61, 29, 3, 2, [3], palette: [0, 0, 0, 1, 1, 1, 2, 2, 2, 200, 30, 40], interlaced: true), s_red),
        "rgba16-interlaced" => (PngWriter.Solid(61, 29, 6, 16, [200 * 257, 30 * 257, 40 * 257, 65535], interlaced: true), s_red),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Equal within 24 per channel (JPEG and colour management round a little).</summary>
    private sealed class Near : IEqualityComparer<(int R, int G, int B)>
    {
        public bool Equals((int R, int G, int B) x, (int R, int G, int B) y) =>
            Math.Abs(x.R - y.R) <= 24 && Math.Abs(x.G - y.G) <= 24 && Math.Abs(x.B - y.B) <= 24;

        public int GetHashCode((int R, int G, int B) obj) => 0;
    }
}
