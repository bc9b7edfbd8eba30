using System.Security.Cryptography;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Notices.Delivery;

/// <summary>Concatenates letter PDFs (already in post-room order) into one batch file with PDFsharp page import.</summary>
internal static class PrintBatchWriter
{
    public sealed record Result(IReadOnlyList<BatchPlacement> Placed, IReadOnlyDictionary<string, string> Failures);

    public static Result Write(string batchPath, IReadOnlyList<OutgoingLetter> letters, bool padToEven)
    {
        var batchName = Path.GetFileName(batchPath);
        var rows = new List<BatchPlacement>();
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        using var output = new PdfDocument();
        output.Info.Title = Path.GetFileNameWithoutExtension(batchName);

        foreach (var letter in letters)
        {
            // One letter's bytes at a time: hashed (exactly the document printed) and imported from memory.
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

            var firstPage = output.PageCount + 1;
            int pages;
            try
            {
                using var input = PdfReader.Open(new MemoryStream(bytes, writable: false), PdfDocumentOpenMode.Import);
                pages = input.PageCount;
                if (pages == 0)
                {
                    failures[letter.LetterId] = "PDF has no pages";
                    continue;
                }

                foreach (var page in input.Pages)
                {
                    output.AddPage(page);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A damaged PDF makes PDFsharp throw many kinds of exception; one bad letter must not sink the batch.
                // Pages added before the error would misalign the batch; drop them again.
                while (output.PageCount >= firstPage)
                {
                    output.Pages.RemoveAt(output.PageCount - 1);
                }

                failures[letter.LetterId] = "PDF cannot be imported";
                continue;
            }

            var blank = 0;
            if (padToEven && pages % 2 == 1)
            {
                var last = output.Pages[output.PageCount - 1];
                var pad = output.AddPage();
                pad.Width = last.Width;
                pad.Height = last.Height;
                blank = 1;
            }

            rows.Add(new BatchPlacement(letter, rows.Count + 1, firstPage, pages, blank, sha));
        }

        if (rows.Count > 0)
        {
            SaveDurably(output, batchPath);
        }

        return new Result(rows, failures);
    }

    /// <summary>Writes and fsyncs the file (in staging: the channel moves it into view once the batch is sealed).</summary>
    private static void SaveDurably(PdfDocument document, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        document.Save(stream, closeStream: false);
        stream.Flush(flushToDisk: true);
    }
}
