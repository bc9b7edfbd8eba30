using Notices.Ledger;
using Notices.Model;

namespace Notices.PostRoom;

/// <summary>
/// Where a campaign's post stands, for <c>status</c>: letters (originals and reminders, one envelope each) per postal
/// state, and batches per state. A returned letter re-sent by email since is counted apart from those still returned.
/// </summary>
public sealed record PostBreakdown
{
    public int Sealed { get; init; }
    public int Submitted { get; init; }
    public int Printed { get; init; }
    public int Posted { get; init; }
    public int Returned { get; init; }

    /// <summary>Came back, and was then sent by email (the state has moved on from returned).</summary>
    public int ReturnedThenEmailed { get; init; }

    public int Batches { get; init; }
    public int BatchesPrinted { get; init; }
    public int BatchesPosted { get; init; }

    public static PostBreakdown From(CampaignProjection projection, IReadOnlyDictionary<string, BatchRecord> batches)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(batches);
        var letters = projection.Letters.Concat(projection.Reminders).ToList();
        int Count(LetterState state) => letters.Count(l => l.Stage == state);
        var live = batches.Values.Where(b => b.IsSealed).ToList();
        return new PostBreakdown
        {
            Sealed = Count(LetterState.Sealed),
            Submitted = Count(LetterState.Submitted),
            Printed = Count(LetterState.Printed),
            Posted = Count(LetterState.Posted),
            Returned = Count(LetterState.Returned),
            ReturnedThenEmailed = letters.Count(l => l.Timeline.Returned is not null
                && l.Stage is LetterState.Sending or LetterState.Accepted or LetterState.Delivered),
            Batches = live.Count,
            BatchesPrinted = live.Count(b => b.IsPrinted && !b.IsPosted),
            BatchesPosted = live.Count(b => b.IsPosted),
        };
    }
}
