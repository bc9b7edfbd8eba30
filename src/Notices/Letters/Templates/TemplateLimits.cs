namespace Notices.Letters.Templates;

/// <summary>
/// The sandbox's limits for one merge. A notice letter is a few pages with a handful of devices, so each is far above
/// what a real notice needs and far below what would stall a campaign of 100,000 letters.
/// </summary>
public static class TemplateLimits
{
    /// <summary>Iterations of all loops in one merge (a patient has a handful of devices).</summary>
    public const int Loops = 1_000;

    /// <summary>Depth of nested calls to functions a template defines itself.</summary>
    public const int Recursion = 20;

    /// <summary>Characters one merge may write (a long letter is about 10,000).</summary>
    public const int OutputCharacters = 500_000;
}
