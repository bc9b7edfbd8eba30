using Notices.Letters;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfMetadata = Notices.Letters.PdfMetadata;

namespace Notices.Reports;

/// <summary>The draw step of the report: paints laid-out pages (text, lines, rectangles) with PDFsharp and the embedded DejaVu fonts.</summary>
public static class ReportPdfDrawer
{
    /// <summary>Writes the pages as a PDF to <paramref name="output"/>; returns the page count.</summary>
    public static int Draw(IReadOnlyList<LayoutPage> pages, PdfMetadata metadata, Stream output)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(metadata);
        LetterPdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        metadata.ApplyTo(document);
        foreach (var layoutPage in pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageGeometry.A4Width);
            page.Height = XUnit.FromPoint(PageGeometry.A4Height);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var op in layoutPage.Ops)
            {
                DrawOp(gfx, op);
            }
        }

        document.Save(output, closeStream: false);
        return pages.Count;
    }

    private static void DrawOp(XGraphics gfx, DrawOp op)
    {
        switch (op)
        {
            case TextOp text:
                gfx.DrawString(text.Text, FontMetricsCache.GetFont(text.Face, text.Size), XBrushes.Black, text.X, text.Baseline);
                break;
            case LineOp line:
                gfx.DrawLine(new XPen(XColors.Black, line.Thickness), line.X1, line.Y1, line.X2, line.Y2);
                break;
            case RectOp rect:
                if (rect.FillGray is { } gray)
                {
                    var level = (int)Math.Round(Math.Clamp(gray, 0, 1) * 255);
                    gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(level, level, level)), rect.X, rect.Y, rect.Width, rect.Height);
                }

                if (rect.StrokeWidth > 0)
                {
                    gfx.DrawRectangle(new XPen(XColors.Black, rect.StrokeWidth), rect.X, rect.Y, rect.Width, rect.Height);
                }

                break;
            default:
                throw new NotSupportedException($"The report draws no {op.GetType().Name}.");
        }
    }
}
