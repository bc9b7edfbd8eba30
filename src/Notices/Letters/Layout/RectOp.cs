namespace Notices.Letters.Layout;

/// <summary>A rectangle: filled with a grey level (0 = black, 1 = white) and/or stroked.</summary>
public sealed record RectOp(double X, double Y, double Width, double Height, double? FillGray, double StrokeWidth) : DrawOp
{
    public override Box Bounds => new(X - (StrokeWidth / 2), Y - (StrokeWidth / 2), Width + StrokeWidth, Height + StrokeWidth);

    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}
