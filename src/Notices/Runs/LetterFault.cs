using Notices.Letters.Fonts;

namespace Notices.Runs;

/// <summary>Which exceptions concern one letter only (it fails alone) and how to say why, without patient data.</summary>
public static class LetterFault
{
    public static bool IsLetterFault(Exception ex) =>
        ex is not (OperationCanceledException or OutOfMemoryException or Letters.Templates.NoticeTemplateException);

    public static string Describe(Exception ex) => ex switch
    {
        MissingGlyphException glyph => $"the character {glyph.CodePointText} cannot be printed: the letter font has no glyph for it",
        IOException io => "the PDF could not be written or read: " + io.GetType().Name,
        _ => "the letter could not be made: " + ex.GetType().Name,
    };
}
