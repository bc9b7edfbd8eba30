namespace Notices.Letters.Layout;

/// <summary>A PNG or JPEG image file scaled into a box.</summary>
public sealed record ImageOp(string Path, double X, double Y, double Width, double Height) : DrawOp
{
    public override Box Bounds => new(X, Y, Width, Height);

    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}
