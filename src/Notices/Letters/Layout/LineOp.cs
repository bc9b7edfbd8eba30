namespace Notices.Letters.Layout;

/// <summary>A straight stroked line.</summary>
public sealed record LineOp(double X1, double Y1, double X2, double Y2, double Thickness) : DrawOp
{
    public override Box Bounds => new(
        Math.Min(X1, X2) - (Thickness / 2), Math.Min(Y1, Y2) - (Thickness / 2),
        Math.Abs(X2 - X1) + Thickness, Math.Abs(Y2 - Y1) + Thickness);

    public override DrawOp MovedDown(double dy) => this with { Y1 = Y1 + dy, Y2 = Y2 + dy };
}
