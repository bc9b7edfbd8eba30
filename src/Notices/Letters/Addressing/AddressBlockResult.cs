namespace Notices.Letters.Addressing;

/// <summary>A formatted window address block and every change made to fit it (empty when nothing was changed).</summary>
public sealed record AddressBlockResult(IReadOnlyList<string> Lines, IReadOnlyList<string> Warnings)
{
    public bool HasWarnings => Warnings.Count > 0;
}
