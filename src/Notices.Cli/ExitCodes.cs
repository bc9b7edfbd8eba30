namespace Notices.Cli;

/// <summary>The CLI's exit codes (DESIGN.md, CLI contract).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    /// <summary>The run finished but some affected patient is not reached.</summary>
    public const int NotAllReached = 3;
}
