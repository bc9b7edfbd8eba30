namespace Notices.Model;

/// <summary>
/// Every state of a letter's life, decided only by <see cref="LetterStateMachine"/>:
/// planned → rendered → (email: sending → accepted | uncertain → delivered | bounced)
/// | (post: batched → sealed → submitted → printed → posted | returned) | unreachable | failed; acknowledged overrides all.
/// </summary>
public enum LetterState
{
    Planned,
    Rendered,
    /// <summary>The intent to hand the email over is recorded and no outcome is: after a run, uncertain.</summary>
    Sending,
    /// <summary>The server took it (250), or the .eml file is in the pickup directory.</summary>
    Accepted,
    Delivered,
    Bounced,
    /// <summary>Placed in a batch that is not sealed: not yet real (a sealed batch follows in the same commit).</summary>
    Batched,
    Sealed,
    /// <summary>The batch is a CUPS job that has not completed yet (or was not followed to the end).</summary>
    Submitted,
    /// <summary>CUPS reports the batch's job completed.</summary>
    Printed,
    Posted,
    Returned,
    Unreachable,
    Failed,
    Acknowledged,
}
