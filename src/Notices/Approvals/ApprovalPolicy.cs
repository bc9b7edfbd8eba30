namespace Notices.Approvals;

/// <summary>What a send or remind run does about the package's approval.</summary>
public enum ApprovalPolicy
{
    /// <summary>Internal callers (benchmarks, tests of the run): the package is hashed and every letter carries the hash; no check.</summary>
    NotChecked,
    /// <summary>The command's default: the package must be the latest approved one, else nothing is done.</summary>
    Required,
    /// <summary><c>--unapproved</c>: go on, and record an <see cref="Model.UnapprovedRun"/> when the package is not the latest approved.</summary>
    Overridden,
}
