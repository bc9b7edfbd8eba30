using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>A piece of inline text in one face; <see cref="IsHardBreak"/> marks a forced line break instead.</summary>
public readonly record struct InlineRun(string Text, FontFace Face, bool IsHardBreak = false)
{
    public static InlineRun Break(FontFace face) => new("", face, IsHardBreak: true);
}
