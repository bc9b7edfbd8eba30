using Notices.Model;

namespace Notices.Acknowledgements;

/// <summary>
/// One acknowledgement to record: the letter id as the patient or the RA team gave it (an original letter or one of its
/// reminders), when it was received and how. <see cref="Line"/> is the input line it came from, for errors.
/// </summary>
public sealed record AckRequest(string LetterId, DateOnly ReceivedOn, AckMethod Method, AckSource Source)
{
    public string? Note { get; init; }

    /// <summary>Line of the input file (or position on the command line) the request came from.</summary>
    public int? Line { get; init; }

    /// <summary>What identifies the source item, e.g. an email reply's Message-ID; recorded, never shown in lists.</summary>
    public string? Reference { get; init; }
}
