using Notices.Letters.Drawing;
using Notices.Letters.Layout;

namespace Notices.Letters;

/// <summary>
/// The production <see cref="ILetterPdfWriter"/>: lays the letter out with <see cref="LetterLayoutEngine"/>
/// and paints it with PDFsharp (DejaVu Sans embedded as Unicode subsets). Stateless and thread-safe.
/// </summary>
public sealed class PdfSharpLetterWriter : ILetterPdfWriter
{
    private readonly LetterLayoutEngine _layout = new();
    private readonly PdfLetterPainter _painter = new();

    static PdfSharpLetterWriter() => LetterPdfSetup.EnsureInitialised();

    public int Write(LetterDocument letter, Stream output)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(output);
        var layout = _layout.Layout(letter);
        return _painter.Paint(layout, letter.Metadata, output);
    }

    /// <summary>The layout alone, for inspection and tests.</summary>
    public LetterLayout Layout(LetterDocument letter) => _layout.Layout(letter);
}
