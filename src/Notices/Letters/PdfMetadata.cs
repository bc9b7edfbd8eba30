using PdfSharp.Pdf;

namespace Notices.Letters;

public sealed record PdfMetadata(string Title, string Author, string Subject, string Keywords, string Language = "da-DK")
{
    /// <summary>Writes the document information and language every PDF of ours carries (letters and the report).</summary>
    public void ApplyTo(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = Title;
        document.Info.Author = Author;
        document.Info.Subject = Subject;
        document.Info.Keywords = Keywords;
        document.Info.Creator = "Notices";
        document.Language = Language;
    }
}
