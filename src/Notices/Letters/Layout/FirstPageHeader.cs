using Notices.Letters.Fonts;
using static Notices.Letters.Layout.PageGeometry;

namespace Notices.Letters.Layout;

/// <summary>
/// The fixed top of page 1: sender block (with optional logo) at the top right, and the recipient lines
/// inside the envelope window, below the small return line when the letter has one. Returns where the body flow may
/// start.
/// </summary>
public sealed class FirstPageHeader(LetterStyle style)
{
    private static readonly double WindowPadX = Mm(4);
    private static readonly double WindowPadY = Mm(2.5);
    /// <summary>Below this line factor the glyph boxes of consecutive lines would touch.</summary>
    private const double TightestLineFactor = 1.18;
    /// <summary>The return line is small print for the post office, the same size in large-print letters.</summary>
    public const double ReturnLineSize = 6.5;
    /// <summary>A very long sender address is shrunk down to this size, then cut with an ellipsis.</summary>
    public const double ReturnLineMinSize = 5.0;
    private static readonly double ReturnLineGap = Mm(1.5);
    /// <summary>Text and address; more would crowd out the recipient.</summary>
    private const int MaxReturnLines = 2;
    private const double ReturnLineFactor = 1.2;

    public static Box WindowBox(LetterDocument letter) =>
        new(Mm(letter.Window.LeftMm), Mm(letter.Window.TopMm), Mm(letter.Window.WidthMm), Mm(letter.Window.HeightMm));

    /// <summary>Adds the header to <paramref name="page"/> and returns the lowest y it uses.</summary>
    public double Place(LetterDocument letter, LayoutPage page)
    {
        var window = WindowBox(letter);
        var top = window.Y + WindowPadY;
        var returnLines = letter.ReturnLines.Where(l => !string.IsNullOrWhiteSpace(l)).Take(MaxReturnLines).ToList();
        if (returnLines.Count > 0)
        {
            top = PlaceReturnLines(returnLines, window, page) + ReturnLineGap;
        }

        var addressBottom = PlaceAddress(letter.RecipientLines, window, top, page);
        var senderBottom = PlaceSender(letter, window, page);
        return Math.Max(Math.Max(addressBottom, senderBottom), window.Bottom);
    }

    /// <summary>
    /// Places the return lines at the top of the window in one small size, shrunk so the widest fits and, if one is
    /// still too long at the smallest size, cut with an ellipsis: they never leave the window. Returns their lowest y.
    /// </summary>
    private static double PlaceReturnLines(IReadOnlyList<string> lines, Box window, LayoutPage page)
    {
        var availableWidth = window.Width - (2 * WindowPadX);
        var size = ReturnLineSize;
        var widest = lines.Max(l => FontMetricsCache.Measure(l, FontFace.Regular, size));
        if (widest > availableWidth)
        {
            size = Math.Max(ReturnLineMinSize, size * availableWidth / widest);
        }

        var ascent = FontMetricsCache.Ascent(FontFace.Regular, size);
        var descent = FontMetricsCache.Descent(FontFace.Regular, size);
        var baseline = window.Y + WindowPadY + ascent;
        foreach (var line in lines)
        {
            var text = FitWidth(line, size, availableWidth);
            page.Add(TextBlockFactory.MeasuredRun(text, FontFace.Regular, size, window.X + WindowPadX, baseline, TextRole.ReturnAddress));
            baseline += size * ReturnLineFactor;
        }

        return baseline - (size * ReturnLineFactor) + descent;
    }

    /// <summary>The text, or the longest start of it (cut at a character, never inside a surrogate pair) plus "…" that fits.</summary>
    private static string FitWidth(string text, double size, double width)
    {
        if (FontMetricsCache.Measure(text, FontFace.Regular, size) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 0)
        {
            length--;
            if (length > 0 && char.IsHighSurrogate(text[length - 1]))
            {
                continue;
            }

            var candidate = text[..length].TrimEnd(' ', ',') + "…";
            if (FontMetricsCache.Measure(candidate, FontFace.Regular, size) <= width)
            {
                return candidate;
            }
        }

        return "…";
    }

    private double PlaceAddress(IReadOnlyList<string> lines, Box window, double top, LayoutPage page)
    {
        if (lines.Count == 0)
        {
            return top;
        }

        var availableWidth = window.Width - (2 * WindowPadX);
        var availableHeight = window.Bottom - WindowPadY - top;
        var size = style.AddressSize;
        var factor = 1.22;
        if (lines.Count * size * factor > availableHeight)
        {
            // First tighten the line spacing, then shrink the font: the block must stay inside the window.
            factor = Math.Max(TightestLineFactor, availableHeight / (lines.Count * size));
            if (lines.Count * size * factor > availableHeight)
            {
                size = availableHeight / (lines.Count * factor);
            }
        }

        var widest = lines.Max(l => FontMetricsCache.Measure(l, FontFace.Regular, size));
        if (widest > availableWidth)
        {
            size *= availableWidth / widest;
        }

        var lineHeight = size * factor;
        var ascent = FontMetricsCache.Ascent(FontFace.Regular, size);
        var descent = FontMetricsCache.Descent(FontFace.Regular, size);
        var baseline = top + ((lineHeight - ascent - descent) / 2) + ascent;
        foreach (var line in lines)
        {
            page.Add(TextBlockFactory.MeasuredRun(line, FontFace.Regular, size, window.X + WindowPadX, baseline, TextRole.Address));
            baseline += lineHeight;
        }

        return top + (lines.Count * lineHeight);
    }

    private double PlaceSender(LetterDocument letter, Box window, LayoutPage page)
    {
        var sender = letter.Sender;
        var lines = new List<(string Text, FontFace Face)> { (sender.Organisation, FontFace.Bold) };
        if (!string.IsNullOrWhiteSpace(sender.Department))
        {
            lines.Add((sender.Department, FontFace.Regular));
        }

        lines.AddRange(sender.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => (l, FontFace.Regular)));
        if (!string.IsNullOrWhiteSpace(sender.Phone))
        {
            lines.Add(("Tlf. " + sender.Phone, FontFace.Regular));
        }

        if (!string.IsNullOrWhiteSpace(sender.Email))
        {
            lines.Add((sender.Email, FontFace.Regular));
        }

        if (!string.IsNullOrWhiteSpace(sender.Website))
        {
            lines.Add((sender.Website, FontFace.Regular));
        }

        // The sender column sits right of the window so the two never collide on the envelope.
        var left = Math.Max(window.Right + Mm(8), ContentLeft);
        var width = ContentRight - left;
        if (width < Mm(40))
        {
            // A window on the right-hand side: the sender goes to the top left instead.
            left = ContentLeft;
            width = Math.Max(Mm(40), window.X - Mm(8) - left);
        }

        var y = FirstPageTop;
        if (letter.Logo is { } logo)
        {
            var (pxWidth, pxHeight) = (logo.PixelWidth, logo.PixelHeight);
            var height = Mm(Images.LogoImage.BoxHeightMm);
            var logoWidth = height * pxWidth / Math.Max(1, pxHeight);
            if (logoWidth > width)
            {
                height *= width / logoWidth;
                logoWidth = width;
            }

            page.Add(new ImageOp(logo, left, y, logoWidth, height));
            y += height + Mm(3);
        }

        var size = style.SenderSize;
        var widest = lines.Max(l => FontMetricsCache.Measure(l.Text, l.Face, size));
        if (widest > width)
        {
            size *= width / widest;
        }

        var lineHeight = size * 1.3;
        var baseline = y + FontMetricsCache.Ascent(FontFace.Regular, size);
        foreach (var (text, face) in lines)
        {
            page.Add(TextBlockFactory.MeasuredRun(text, face, size, left, baseline, TextRole.Sender));
            baseline += lineHeight;
        }

        return baseline - lineHeight + FontMetricsCache.Descent(FontFace.Regular, size);
    }
}
