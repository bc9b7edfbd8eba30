using Notices.Letters.Fonts;
using Notices.Letters.Images;
using Notices.Letters.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Notices.Letters.Drawing;

/// <summary>The draw step: paints a finished <see cref="LetterLayout"/> into a PDFsharp document.</summary>
public sealed class PdfLetterPainter
{
    private static readonly XPen s_thinPen = new(XColors.Black, 0.5);

    /// <summary>Writes the layout as a PDF to <paramref name="output"/> and returns the page count.</summary>
    public int Paint(LetterLayout layout, PdfMetadata metadata, Stream output)
    {
        LetterPdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        metadata.ApplyTo(document);

        var images = new Dictionary<LogoImage, XImage>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var layoutPage in layout.Pages)
            {
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(layout.PageWidth);
                page.Height = XUnit.FromPoint(layout.PageHeight);
                using var gfx = XGraphics.FromPdfPage(page);
                foreach (var op in layoutPage.Ops)
                {
                    Draw(gfx, op, images);
                }
            }

            document.Save(output, closeStream: false);
        }
        finally
        {
            foreach (var image in images.Values)
            {
                image.Dispose();
            }
        }

        return layout.Pages.Count;
    }

    private static void Draw(XGraphics gfx, DrawOp op, Dictionary<LogoImage, XImage> images)
    {
        switch (op)
        {
            case TextOp text:
                // Default string format: y is the baseline.
                gfx.DrawString(text.Text, FontMetricsCache.GetFont(text.Face, text.Size), XBrushes.Black, text.X, text.Baseline);
                break;
            case LineOp line:
                var pen = Math.Abs(line.Thickness - 0.5) < 1e-9 ? s_thinPen : new XPen(XColors.Black, line.Thickness);
                gfx.DrawLine(pen, line.X1, line.Y1, line.X2, line.Y2);
                break;
            case RectOp rect:
                DrawRect(gfx, rect);
                break;
            case ImageOp image:
                if (!images.TryGetValue(image.Image, out var xImage))
                {
                    // Each PDF needs its own XImage, but the logo was decoded and scaled once per campaign (LogoImage).
                    xImage = XImage.FromStream(new MemoryStream(image.Image.Data, writable: false));
                    images[image.Image] = xImage;
                }

                gfx.DrawImage(xImage, image.X, image.Y, image.Width, image.Height);
                break;
            case QrOp qr:
                DrawQr(gfx, qr);
                break;
            default:
                throw new NotSupportedException($"No painter for {op.GetType().Name}.");
        }
    }

    private static void DrawRect(XGraphics gfx, RectOp rect)
    {
        if (rect.FillGray is { } gray)
        {
            var level = (int)Math.Round(Math.Clamp(gray, 0, 1) * 255);
            gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(level, level, level)), rect.X, rect.Y, rect.Width, rect.Height);
        }

        if (rect.StrokeWidth > 0)
        {
            gfx.DrawRectangle(new XPen(XColors.Black, rect.StrokeWidth), rect.X, rect.Y, rect.Width, rect.Height);
        }
    }

    /// <summary>
    /// Dark modules as filled vector rectangles, one per horizontal run of modules, in a single call
    /// (a path of hundreds of sub-rectangles is several times slower in PDFsharp).
    /// </summary>
    private static void DrawQr(XGraphics gfx, QrOp qr)
    {
        var rects = new List<XRect>();
        for (var row = 0; row < qr.Modules.Count; row++)
        {
            var modules = qr.Modules[row];
            var col = 0;
            while (col < modules.Length)
            {
                if (!modules[col])
                {
                    col++;
                    continue;
                }

                var start = col;
                while (col < modules.Length && modules[col])
                {
                    col++;
                }

                rects.Add(new XRect(qr.X + (start * qr.ModuleSize), qr.Y + (row * qr.ModuleSize),
                    (col - start) * qr.ModuleSize, qr.ModuleSize));
            }
        }

        gfx.DrawRectangles(XBrushes.Black, rects.ToArray());
    }
}
