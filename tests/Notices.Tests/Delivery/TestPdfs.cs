using System.Security.Cryptography;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Notices.Tests.Delivery;

/// <summary>Letter-like input PDFs drawn with lines and rectangles only, so no font resolver is needed.</summary>
internal static class TestPdfs
{
    /// <summary>Writes a PDF with <paramref name="pages"/> pages of width <paramref name="widthPoints"/> (tells letters apart in pdfinfo).</summary>
    public static (string Path, string Sha256) Create(string path, int pages, double widthPoints = 595)
    {
        using (var document = new PdfDocument())
        {
            for (var i = 0; i < pages; i++)
            {
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(widthPoints);
                page.Height = XUnit.FromPoint(842);
                using var gfx = XGraphics.FromPdfPage(page);
                gfx.DrawRectangle(XPens.Black, 56, 56 + (i * 10), 200, 100);
                gfx.DrawLine(XPens.Black, 56, 400, 500, 400 + (i * 5));
            }

            document.Save(path);
        }

        return (path, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }
}
