using Notices.Model;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Letters;
using Notices.Letters.Fonts;
using Notices.Tests.Letters.Layout;
using Xunit;

namespace Notices.Tests.Letters.Pdf;

public sealed class LetterPdfTests
{
    [Fact]
    public void Danish_text_and_foreign_names_extract_exactly()
    {
        using var pdf = new TempPdf(SampleLetters.Create());
        var text = Poppler.Text(pdf.Path);
        Assert.Contains("Vigtig sikkerhedsmeddelelse", text, StringComparison.Ordinal);
        Assert.Contains("Kære Zoë Ødegård-Nguyễn", text, StringComparison.Ordinal);
        Assert.Contains("Følgende udstyr er registreret på dig:", text, StringComparison.Ordinal);
        Assert.Contains("Åse Bøgh-Sørensen", text, StringComparison.Ordinal);
        Assert.Contains("c/o Łukasz Wróbel", text, StringComparison.Ordinal);
        Assert.Contains("Ayşe Yılmaz Allé 7", text, StringComparison.Ordinal);
        Assert.Contains("2300 København S", text, StringComparison.Ordinal);
        Assert.Contains("Kvitteringsformular", text, StringComparison.Ordinal);
        Assert.Contains("Med venlig hilsen", text, StringComparison.Ordinal);
        Assert.Contains("ukendt", text, StringComparison.Ordinal);
        Assert.Contains("21. november 2026", text, StringComparison.Ordinal);
        Assert.Contains($"Side 1 af {pdf.PageCount}", text, StringComparison.Ordinal);
        Assert.Contains($"Side {pdf.PageCount} af {pdf.PageCount}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_count_matches_pdfinfo_and_metadata_is_set()
    {
        var letter = SampleLetters.Create();
        using var pdf = new TempPdf(letter);
        var info = Poppler.Info(pdf.Path);
        Assert.Equal(pdf.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), info["Pages"]);
        Assert.Equal(letter.Metadata.Title, info["Title"]);
        Assert.Equal(letter.Metadata.Author, info["Author"]);
        Assert.Equal(letter.Metadata.Subject, info["Subject"]);
        Assert.Equal(letter.Metadata.Keywords, info["Keywords"]);
        Assert.StartsWith("595.2", info["Page size"], StringComparison.Ordinal); // A4 in points
        var raw = Encoding.Latin1.GetString(File.ReadAllBytes(pdf.Path));
        Assert.Contains("/Lang(da-DK)", raw.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void All_fonts_are_embedded_subsets_with_a_unicode_map()
    {
        using var pdf = new TempPdf(SampleLetters.Create());
        var rows = Poppler.Run("pdffonts", pdf.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.True(rows.Count >= 3, "expected regular, bold and italic faces");
        foreach (var row in rows)
        {
            // name type encoding emb sub uni object ID (the name may contain spaces, so read from the right)
            var match = Regex.Match(row, @"^(?<name>\S+\+DejaVu.*?)\s+CID TrueType\s+Identity-H\s+(?<emb>yes|no)\s+(?<sub>yes|no)\s+(?<uni>yes|no)\s+\d+\s+\d+\s*$");
            Assert.True(match.Success, $"unexpected font row: {row}");
            Assert.Equal("yes", match.Groups["emb"].Value);
            Assert.Equal("yes", match.Groups["sub"].Value);
            Assert.Equal("yes", match.Groups["uni"].Value);
        }
    }

    [Fact]
    public void Large_print_pdf_extracts_the_same_danish_text()
    {
        using var pdf = new TempPdf(SampleLetters.Create(largePrint: true));
        var text = Poppler.Text(pdf.Path);
        Assert.Contains("Kære Zoë Ødegård-Nguyễn", text, StringComparison.Ordinal);
        Assert.Contains("Kvitteringsformular", text, StringComparison.Ordinal);
        Assert.Equal(pdf.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Poppler.Info(pdf.Path)["Pages"]);
    }

    [Theory]
    [InlineData("Patient: 山田", 0x5C71)]
    [InlineData("Hilsen 🚀", 0x1F680)]
    public void A_glyph_missing_from_the_font_throws_a_clear_error(string body, int codePoint)
    {
        var letter = SampleLetters.Create(body: body);
        using var output = new MemoryStream();
        var ex = Assert.Throws<MissingGlyphException>(() => new PdfSharpLetterWriter().Write(letter, output));
        Assert.Equal(codePoint, ex.CodePoint);
        Assert.Contains(MissingGlyphException.FormatCodePoint(codePoint), ex.Message, StringComparison.Ordinal);
        Assert.Contains(letter.LetterId, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void A_png_logo_is_drawn_on_the_first_page()
    {
        var dir = Path.Combine(Path.GetTempPath(), "notices-logo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var logo = Path.Combine(dir, "logo.png");
            File.WriteAllBytes(logo, TestPng.Create(40, 20));
            var letter = SampleLetters.Create() with { Logo = Notices.Letters.Images.LogoImage.Load(logo) };
            using var pdf = new TempPdf(letter);
            var images = Poppler.Run("pdfimages", "-list", pdf.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            var image = Assert.Single(images);
            Assert.StartsWith("1 ", image.TrimStart(), StringComparison.Ordinal); // on page 1
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_qr_code_is_vector_graphics_not_an_image()
    {
        using var pdf = new TempPdf(SampleLetters.Create());
        var images = Poppler.Run("pdfimages", "-list", pdf.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2);
        Assert.Empty(images);
    }

    [Fact]
    public void Letters_written_in_parallel_are_all_complete()
    {
        var ids = Enumerable.Range(1, 6).Select(i => $"FA830-DK-{i:000000}").ToArray();
        var results = new (int Pages, byte[] Bytes)[ids.Length];
        Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
        {
            using var ms = new MemoryStream();
            var pages = new PdfSharpLetterWriter().Write(SampleLetters.Create(letterId: ids[i]), ms);
            results[i] = (pages, ms.ToArray());
        });
        var dir = Path.Combine(Path.GetTempPath(), "notices-parallel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var file = Path.Combine(dir, ids[i] + ".pdf");
                File.WriteAllBytes(file, results[i].Bytes);
                var text = Poppler.Text(file);
                Assert.Contains($"Side {results[i].Pages} af {results[i].Pages}", text, StringComparison.Ordinal);
                Assert.Contains("Brev-id: " + ids[i], text, StringComparison.Ordinal);
                Assert.Contains("Kære Zoë Ødegård-Nguyễn", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
