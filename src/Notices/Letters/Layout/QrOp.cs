namespace Notices.Letters.Layout;

/// <summary>
/// A QR code as its module matrix (true = dark), drawn as filled vector squares of <see cref="ModuleSize"/>.
/// Rows are the outer list; the matrix includes the quiet zone.
/// </summary>
public sealed record QrOp(IReadOnlyList<bool[]> Modules, double X, double Y, double ModuleSize) : DrawOp
{
    public override Box Bounds => new(X, Y, Modules.Count * ModuleSize, Modules.Count * ModuleSize);

    public override DrawOp MovedDown(double dy) => this with { Y = Y + dy };
}
