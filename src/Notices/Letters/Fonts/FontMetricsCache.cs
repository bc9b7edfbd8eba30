using System.Collections.Concurrent;
using System.Text;
using Notices.Letters.Layout;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Notices.Letters.Fonts;

/// <summary>
/// Text measurement for the layout step, on PDFsharp's own font metrics. Advance widths are measured once per
/// face and code point at a reference size and cached, so measuring a word is a few dictionary look-ups.
/// PDFsharp draws without kerning, so the sum of advances is exactly what it paints. Thread-safe.
/// </summary>
public static class FontMetricsCache
{
    private const double ReferenceSize = 1000;

    private static readonly object s_measureLock = new();
    private static readonly XGraphics s_measureContext;
    private static readonly XFont[] s_referenceFonts;
    private static readonly ConcurrentDictionary<int, double>[] s_advances;
    private static readonly ConcurrentDictionary<int, bool>[] s_hasGlyph;
    private static readonly ConcurrentDictionary<(FontFace, double), XFont> s_fonts = new();
    private static readonly double[] s_ascent;
    private static readonly double[] s_descent;

    static FontMetricsCache()
    {
        LetterPdfSetup.EnsureInitialised();
        s_measureContext = XGraphics.CreateMeasureContext(
            new XSize(PageGeometry.A4Width, PageGeometry.A4Height), XGraphicsUnit.Point, XPageDirection.Downwards, null!);
        var faces = Enum.GetValues<FontFace>();
        s_referenceFonts = new XFont[faces.Length];
        s_advances = new ConcurrentDictionary<int, double>[faces.Length];
        s_hasGlyph = new ConcurrentDictionary<int, bool>[faces.Length];
        s_ascent = new double[faces.Length];
        s_descent = new double[faces.Length];
        foreach (var face in faces)
        {
            var font = CreateFont(face, ReferenceSize);
            var i = (int)face;
            s_referenceFonts[i] = font;
            s_advances[i] = new ConcurrentDictionary<int, double>();
            s_hasGlyph[i] = new ConcurrentDictionary<int, bool>();
            var metrics = font.Metrics;
            s_ascent[i] = (double)metrics.Ascent / metrics.UnitsPerEm;
            s_descent[i] = (double)Math.Abs(metrics.Descent) / metrics.UnitsPerEm;
        }
    }

    /// <summary>A cached PDFsharp font with Unicode encoding (subset-embedded, with a ToUnicode map).</summary>
    public static XFont GetFont(FontFace face, double size) =>
        s_fonts.GetOrAdd((face, size), static key => CreateFont(key.Item1, key.Item2));

    /// <summary>Ascent above the baseline, in points, for <paramref name="size"/>.</summary>
    public static double Ascent(FontFace face, double size) => s_ascent[(int)face] * size;

    /// <summary>Descent below the baseline (positive), in points.</summary>
    public static double Descent(FontFace face, double size) => s_descent[(int)face] * size;

    /// <summary>Width of <paramref name="text"/> in points. Throws <see cref="MissingGlyphException"/> for an unprintable character.</summary>
    public static double Measure(ReadOnlySpan<char> text, FontFace face, double size)
    {
        double units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(rune.Value, face);
        }

        return units * size;
    }

    /// <summary>Advance of one code point per point of font size.</summary>
    public static double Advance(int codePoint, FontFace face)
    {
        var cache = s_advances[(int)face];
        if (cache.TryGetValue(codePoint, out var width))
        {
            return width;
        }

        width = MeasureUncached(codePoint, face);
        cache.TryAdd(codePoint, width);
        return width;
    }

    /// <summary>
    /// True when <paramref name="face"/> has a glyph for <paramref name="codePoint"/>: the same test that makes
    /// <see cref="Advance"/> throw, so a check made before rendering (plan) agrees with the renderer.
    /// </summary>
    public static bool HasGlyph(int codePoint, FontFace face)
    {
        if (s_advances[(int)face].ContainsKey(codePoint))
        {
            return true;
        }

        return s_hasGlyph[(int)face].GetOrAdd(codePoint, static (cp, f) => LookUpGlyph(cp, f), face);
    }

    /// <summary>Throws <see cref="MissingGlyphException"/> when any character of <paramref name="text"/> has no glyph.</summary>
    public static void EnsurePrintable(string text, FontFace face) => Measure(text, face, 1);

    private static double MeasureUncached(int codePoint, FontFace face)
    {
        if (!LookUpGlyph(codePoint, face))
        {
            throw new MissingGlyphException(codePoint, face);
        }

        var font = s_referenceFonts[(int)face];
        lock (s_measureLock)
        {
            var text = new Rune(codePoint).ToString();
            return s_measureContext.MeasureString(text, font).Width / ReferenceSize;
        }
    }

    private static bool LookUpGlyph(int codePoint, FontFace face)
    {
        lock (s_measureLock)
        {
            return GlyphHelper.GlyphIndexFromCodePoint(codePoint, s_referenceFonts[(int)face]) != 0;
        }
    }

    private static XFont CreateFont(FontFace face, double size)
    {
        var style = face switch
        {
            FontFace.Bold => XFontStyleEx.Bold,
            FontFace.Italic => XFontStyleEx.Italic,
            FontFace.BoldItalic => XFontStyleEx.BoldItalic,
            _ => XFontStyleEx.Regular,
        };
        return new XFont(DejaVuFontResolver.FamilyName, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }
}
