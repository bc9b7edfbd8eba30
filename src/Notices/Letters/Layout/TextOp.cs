using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>A run of text in one face and size, drawn with its baseline at <see cref="Baseline"/>.</summary>
public sealed record TextOp(
    string Text,
    FontFace Face,
    double Size,
    double X,
    double Baseline,
    double Width,
    double Ascent,
    double Descent,
    TextRole Role) : DrawOp
{
    public override Box Bounds => new(X, Baseline - Ascent, Width, Ascent + Descent);

    public override DrawOp MovedDown(double dy) => this with { Baseline = Baseline + dy };
}
