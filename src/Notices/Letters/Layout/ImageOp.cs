namespace Notices.Letters.Layout;

/// <summary>A prepared logo drawn into a box.</summary>
public sealed record ImageOp(Images.LogoImage Image, double X, double Y, double Width, double Height) : DrawOp
{
    public override Box Bounds => new(X, Y, Width, Height);

    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}
