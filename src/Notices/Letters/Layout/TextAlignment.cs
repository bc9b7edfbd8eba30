namespace Notices.Letters.Layout;

public enum TextAlignment
{
    Left,
    Right,
    Center,
}
