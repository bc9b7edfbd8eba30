using System.Security.Cryptography;
using Notices.Delivery.Batches;
using Notices.Letters.Fonts;

namespace Notices.Delivery;

/// <summary>
/// Concatenates letter PDFs (already in post-room order) into one batch file, streaming: each letter's page objects
/// are copied to the file as soon as the letter is read, and its DejaVu font subsets are replaced by one shared font
/// per face for the whole batch (content streams stay byte-identical). Memory holds one letter plus offsets.
/// </summary>
public static class PrintBatchWriter
{
    public sealed record Result(IReadOnlyList<BatchPlacement> Placed, IReadOnlyDictionary<string, string> Failures);

    public static Result Write(string batchPath, IReadOnlyList<OutgoingLetter> letters, bool padToEven)
    {
        var batchName = Path.GetFileName(batchPath);
        var rows = new List<BatchPlacement>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        using var file = new BatchPdfFile(batchPath);
        var fonts = new SharedFonts(file);

        foreach (var letter in letters)
        {
            // One letter's bytes at a time: hashed (exactly the document printed) and copied from memory.
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(letter.PdfPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures[letter.LetterId] = "PDF cannot be read";
                continue;
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.IsNullOrEmpty(letter.PdfSha256) && !string.Equals(sha, letter.PdfSha256, StringComparison.OrdinalIgnoreCase))
            {
                failures[letter.LetterId] = "PDF changed since it was rendered";
                continue;
            }

            var firstPage = file.PageCount + 1;
            var mark = file.ObjectCount;
            int pages;
            PdfValue lastMediaBox;
            try
            {
                (pages, lastMediaBox) = CopyLetter(file, fonts, bytes, sha);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of the letter reached the file (it is copied into a buffer first); give its numbers back.
                file.Rollback(mark);
                failures[letter.LetterId] = FailureReason(ex);
                continue;
            }

            var blank = 0;
            if (padToEven && pages % 2 == 1)
            {
                file.AddBlankPage(lastMediaBox);
                blank = 1;
            }

            rows.Add(new BatchPlacement(letter, rows.Count + 1, firstPage, pages, blank, sha));
        }

        if (rows.Count > 0)
        {
            fonts.WriteTo(file);
            file.Finish(Path.GetFileNameWithoutExtension(batchName));
        }

        return new Result(rows, failures);
    }

    private static string FailureReason(Exception ex) => ex is NoPagesException ? "PDF has no pages" : "PDF cannot be imported";

    private static (int Pages, PdfValue LastMediaBox) CopyLetter(BatchPdfFile file, SharedFonts fonts, byte[] bytes, string sha)
    {
        var pdf = LetterPdf.Open(bytes);
        var pages = pdf.Pages();
        if (pages.Count == 0)
        {
            throw new NoPagesException();
        }

        var glyphs = new Dictionary<FontFace, Dictionary<int, string>>();
        var copier = new ObjectCopier(pdf, file, n => fonts.Substitute(pdf, n, glyphs));
        var numbers = pages.Select(p => copier.Reserve(p.Number)).ToList();
        PdfValue mediaBox = new PdfValue.Atom("null");
        for (var i = 0; i < pages.Count; i++)
        {
            var entries = pages[i].Page.Entries.Where(e => !string.Equals(e.Key, "/Parent", StringComparison.Ordinal)).ToList();
            entries.Add(new("/Parent", new PdfValue.Ref(BatchPdfFile.PagesNumber, 0)));
            mediaBox = pdf.Resolve(pages[i].Page.Get("/MediaBox"));
            copier.Write(numbers[i], new PdfValue.Dict(entries), null);
        }

        if (mediaBox is not PdfValue.Array)
        {
            throw new PdfImportException("page without /MediaBox");
        }

        file.Append(copier, numbers, sha);
        fonts.Commit(glyphs);
        return (pages.Count, mediaBox);
    }

    private sealed class NoPagesException : Exception;
}
