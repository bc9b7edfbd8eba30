namespace Notices.Letters.Fonts;

/// <summary>The four DejaVu Sans faces the letters use.</summary>
public enum FontFace
{
    Regular,
    Bold,
    Italic,
    BoldItalic,
}
