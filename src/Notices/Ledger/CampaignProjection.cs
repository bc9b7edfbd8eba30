using Notices.Model;

namespace Notices.Ledger;

/// <summary>All letters of a campaign with their projected state, and the reconciliation figures.</summary>
public sealed class CampaignProjection
{
    public CampaignProjection(string campaignId, IReadOnlyList<LetterStatus> letters, IReadOnlyList<LetterStatus>? reminders = null)
    {
        CampaignId = campaignId;
        Letters = letters;
        Reminders = reminders ?? [];
        ReachCounts = Enum.GetValues<LetterDeliveryState>().ToDictionary(s => s, s => letters.Count(l => l.Reach == s));
        Acknowledged = letters.Count(l => l.Acknowledgement is not null);
        var counts = Enum.GetValues<LetterDeliveryState>().ToDictionary(s => s, _ => 0);
        foreach (var letter in letters)
        {
            counts[letter.State]++;
        }

        Counts = counts;
        DeliveredByDsn = letters.Count(l => l.DeliveredByDsn);
        Bounced = letters.Count(l => l.Bounced);
        EmailStages = Enum.GetValues<EmailStage>().ToDictionary(s => s, s => letters.Count(l => l.Email == s));
    }

    /// <summary>Letters per email stage (every stage is a key): accepted versus confirmed delivered versus bounced.</summary>
    public IReadOnlyDictionary<EmailStage, int> EmailStages { get; }

    public string CampaignId { get; }

    /// <summary>The original letters, one per affected patient, ordered by letter id (reminders are under each letter's
    /// <see cref="LetterStatus.Reminders"/>).</summary>
    public IReadOnlyList<LetterStatus> Letters { get; }

    /// <summary>Every reminder letter of the campaign, ordered by letter id.</summary>
    public IReadOnlyList<LetterStatus> Reminders { get; }

    /// <summary>Original letters per <see cref="LetterStatus.Reach"/>: how far delivery got, acknowledged or not
    /// (every state but Acknowledged is a key).</summary>
    public IReadOnlyDictionary<LetterDeliveryState, int> ReachCounts { get; }

    /// <summary>Original letters whose patient acknowledged.</summary>
    public int Acknowledged { get; }

    /// <summary>Every state is a key, zero when no letter is in it.</summary>
    public IReadOnlyDictionary<LetterDeliveryState, int> Counts { get; }

    /// <summary>Letters whose email a DSN reported delivered (and no later bounce).</summary>
    public int DeliveredByDsn { get; }

    /// <summary>Letters whose email bounced (and no later resend or delivery report).</summary>
    public int Bounced { get; }

    public int Total => Letters.Count;

    /// <summary>Affected patients not reached: unreachable, failed, uncertain or still pending.</summary>
    public int Outstanding =>
        Counts[LetterDeliveryState.Unreachable] + Counts[LetterDeliveryState.Failed] + Counts[LetterDeliveryState.Pending]
        + Counts[LetterDeliveryState.Uncertain];

    /// <summary>Letters whose ledger holds an event that made no sense in its state (e.g. sealed in two batches).</summary>
    public IEnumerable<LetterStatus> WithAnomalies => Letters.Where(l => l.Anomalies.Count > 0);
}
