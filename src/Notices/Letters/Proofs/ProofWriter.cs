using System.Security.Cryptography;
using System.Text;
using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Letters.Proofs;

/// <summary>
/// Writes the proof of one planned letter: the PDF from the same composer and PDF writer that <c>send</c> uses, PNG
/// images of its pages, and the email's HTML body, text body and subject. Only files in the given folder; no ledger,
/// no store.
/// </summary>
public sealed class ProofWriter(LetterComposer composer, ILetterPdfWriter pdfWriter)
{
    /// <summary>Longest file name start; the longest suffix added is "-large-print-email-subject.txt.tmp".</summary>
    public const int MaxStem = 120;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="stem">File name start, e.g. P0042 or sample; made safe for a file name here.</param>
    public ProofFiles Write(PlannedLetter letter, DateOnly date, string directory, string stem)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Directory.CreateDirectory(directory);
        var baseName = Path.Combine(directory, SafeStem(stem));

        var composed = composer.Compose(letter, date);
        var pdfPath = baseName + ".pdf";
        int pages;
        using (var buffer = new MemoryStream(128 * 1024))
        {
            pages = pdfWriter.Write(composed.Document, buffer);
            WriteAtomically(pdfPath, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        // The composer makes email bodies for email letters only; a post letter's proof shows the email as it would read.
        var email = letter.Channel == DeliveryChannelKind.Email
            ? composed
            : composer.Compose(letter with { Channel = DeliveryChannelKind.Email }, date);
        var html = baseName + "-email.html";
        var text = baseName + "-email.txt";
        var subject = baseName + "-email-subject.txt";
        WriteAtomically(html, Utf8.GetBytes(email.EmailHtml));
        WriteAtomically(text, Utf8.GetBytes(email.EmailText));
        WriteAtomically(subject, Utf8.GetBytes(email.EmailSubject + "\n"));

        var (images, skipped) = PageImages.Render(pdfPath, baseName + "-page");
        return new ProofFiles
        {
            PdfPath = pdfPath,
            Pages = pages,
            PageImages = images,
            PageImagesSkipped = skipped,
            EmailHtmlPath = html,
            EmailTextPath = text,
            EmailSubjectPath = subject,
        };
    }

    /// <summary>
    /// Patient ids come from a CSV: keep letters, digits, '-', '_' and '.', replace the rest. A long id is cut and
    /// given a hash of the whole, so that its file names (with suffixes) stay under the file system's 255 bytes.
    /// </summary>
    public static string SafeStem(string stem, int maxLength = MaxStem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        if (safe.Length > maxLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stem)))[..12];
            safe = safe[..(maxLength - hash.Length - 1)] + "-" + hash;
        }

        return safe.Length == 0 ? "patient" : safe;
    }

    private static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
        }

        File.Move(temp, path, overwrite: true);
    }
}
