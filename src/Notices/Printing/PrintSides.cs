namespace Notices.Printing;

/// <summary>The IPP sides keywords a post-room letter uses: duplex on the long edge by default, simplex on request.</summary>
public static class PrintSides
{
    public const string TwoSidedLongEdge = "two-sided-long-edge";
    public const string OneSided = "one-sided";
}
