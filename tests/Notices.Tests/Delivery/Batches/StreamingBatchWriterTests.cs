using Notices.Delivery;
using Notices.Tests.Support;
using Xunit;

using SupportPoppler = Notices.Tests.Support.Poppler;

namespace Notices.Tests.Delivery.Batches;

public sealed class StreamingBatchWriterTests : IDisposable
{
    private static readonly string[] s_names = ["Hanne Østergård", "Åse Ærø-Bøgh", "Ŋiŋŋa Straße", "Émile Ødegård", "Zoë Nguyễn"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private List<OutgoingLetter> Letters(int count) =>
        Enumerable.Range(1, count).Select(i => BatchLetters.Render(_dir.Path, i, s_names[(i - 1) % s_names.Length])).ToList();

    private void AssertPagesIdentical(string batch, OutgoingLetter letter, int firstPage)
    {
        for (var p = 0; p < letter.PageCount; p++)
        {
            Assert.True(
                BatchLetters.RenderPage(batch, firstPage + p, _dir.Path).AsSpan().SequenceEqual(BatchLetters.RenderPage(letter.PdfPath, p + 1, _dir.Path)),
                $"{letter.LetterId} page {p + 1} (batch page {firstPage + p}) renders differently");
        }
    }

    [Fact]
    public void Batch_pages_render_identically_to_the_letters_with_one_font_per_face()
    {
        var letters = Letters(5);
        var batch = _dir.File("batch.pdf");
        var result = PrintBatchWriter.Write(batch, letters, padToEven: true);

        Assert.Empty(result.Failures);
        Assert.Equal(5, result.Placed.Count);
        foreach (var placed in result.Placed)
        {
            AssertPagesIdentical(batch, placed.Letter, placed.FirstPage);
            Assert.Equal(placed.Letter.PdfSha256, placed.PdfSha256);
        }

        var last = result.Placed[^1];
        Assert.Equal(last.LastPage, SupportPoppler.Pages(batch));
        var fonts = SupportPoppler.Run("pdffonts", batch).Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        var faces = fonts.Select(l => l[..36].Trim().Split('+')[^1]).ToList();
        Assert.Equal(faces.Distinct().Count(), faces.Count); // one font per face, not one per letter
        Assert.InRange(faces.Count, 2, 4);

        var text = SupportPoppler.RawText(batch);
        foreach (var name in s_names)
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

    }

    [Fact]
    public void A_batch_is_much_smaller_than_its_letters()
    {
        var letters = Letters(14);
        var batch = _dir.File("batch.pdf");
        var result = PrintBatchWriter.Write(batch, letters, padToEven: false);

        Assert.Equal(14, result.Placed.Count);
        var sum = letters.Sum(l => new FileInfo(l.PdfPath).Length);
        var size = new FileInfo(batch).Length;
        // Before: the batch was about the sum of the letters (every letter kept its own three font subsets).
        Assert.True(size * 3 < sum, $"batch {size} bytes vs letters {sum} bytes");
    }

    [Fact]
    public void Hostile_letters_fail_alone_and_the_rest_render_identically()
    {
        var letters = Letters(3);
        var truncated = _dir.File("truncated.pdf");
        File.WriteAllBytes(truncated, File.ReadAllBytes(letters[0].PdfPath)[..40_000]);
        var garbage = _dir.File("garbage.pdf");
        File.WriteAllBytes(garbage, [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);
        var cairo = _dir.File("cairo.pdf");
        SupportPoppler.Run("pdftocairo", "-pdf", letters[1].PdfPath, cairo);
        var objStream = _dir.File("objstm.pdf");
        File.WriteAllText(objStream, MinimalObjectStreamPdf());
        var odd = TestPdfs.Create(_dir.File("odd.pdf"), 3);

        var all = new List<OutgoingLetter>
        {
            letters[0],
            BatchLetters.Outgoing("BAD-TRUNC", truncated, 4),
            letters[1],
            BatchLetters.Outgoing("BAD-GARBAGE", garbage, 1),
            BatchLetters.Outgoing("BAD-CAIRO", cairo, 4),
            BatchLetters.Outgoing("BAD-OBJSTM", objStream, 1),
            BatchLetters.Outgoing("ODD", odd.Path, 3),
            letters[2],
        };
        var batch = _dir.File("batch.pdf");
        var result = PrintBatchWriter.Write(batch, all, padToEven: true);

        Assert.Equal(["BAD-CAIRO", "BAD-GARBAGE", "BAD-OBJSTM", "BAD-TRUNC"], result.Failures.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Failures.Values, v => Assert.Equal("PDF cannot be imported", v));
        Assert.Equal(4, result.Placed.Count);
        var oddPlaced = result.Placed.Single(p => p.Letter.LetterId == "ODD");
        Assert.Equal(1, oddPlaced.BlankPages);
        Assert.Equal(oddPlaced.FirstPage + 3, oddPlaced.LastPage);
        foreach (var placed in result.Placed)
        {
            AssertPagesIdentical(batch, placed.Letter, placed.FirstPage);
        }

        Assert.Equal(result.Placed[^1].LastPage, SupportPoppler.Pages(batch));
    }

    [Fact]
    public void Changed_and_missing_letters_fail_alone_and_no_file_without_letters()
    {
        var letters = Letters(1);
        var changed = letters[0] with { LetterId = "CHANGED", PdfSha256 = new string('0', 64) };
        var missing = letters[0] with { LetterId = "MISSING", PdfPath = _dir.File("nope.pdf") };
        var batch = _dir.File("batch.pdf");

        var result = PrintBatchWriter.Write(batch, [changed, missing], padToEven: true);

        Assert.Equal("PDF changed since it was rendered", result.Failures["CHANGED"]);
        Assert.Equal("PDF cannot be read", result.Failures["MISSING"]);
        Assert.Empty(result.Placed);
        Assert.False(File.Exists(batch));
    }

    /// <summary>A valid PDF whose page lives in an object stream with an xref stream: not PDFsharp's output.</summary>
    private static string MinimalObjectStreamPdf()
    {
        const string objects = "1 0 2 30 <</Type/Pages/Kids[2 0 R]/Count 1>> <</Type/Page/Parent 1 0 R/MediaBox[0 0 200 200]>>";
        var body = "%PDF-1.5\n3 0 obj\n<</Type/ObjStm/N 2/First 10/Length " + objects.Length + ">>\nstream\n" + objects + "\nendstream\nendobj\n";
        var catalogAt = body.Length;
        body += "4 0 obj\n<</Type/Catalog/Pages 1 0 R>>\nendobj\n";
        var xrefAt = body.Length;
        return body + "5 0 obj\n<</Type/XRef/Size 6/W[1 4 1]/Root 4 0 R/Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n" + xrefAt
            + "\n%%EOF\n" + new string(' ', catalogAt % 2);
    }
}
