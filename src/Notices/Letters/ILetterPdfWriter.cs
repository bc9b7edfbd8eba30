namespace Notices.Letters;

/// <summary>Turns a <see cref="LetterDocument"/> into a PDF. The layout engine behind it is swappable.</summary>
public interface ILetterPdfWriter
{
    /// <summary>Writes the PDF to <paramref name="output"/> and returns its page count.</summary>
    int Write(LetterDocument letter, Stream output);
}
