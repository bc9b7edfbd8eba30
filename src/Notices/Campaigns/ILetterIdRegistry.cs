namespace Notices.Campaigns;

/// <summary>Letter ids already given out for a campaign, so a re-plan gives every patient the same id.</summary>
public interface ILetterIdRegistry
{
    /// <summary>patient id → letter id for letters already made in this campaign.</summary>
    IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId);

    /// <summary>The highest sequence number used in the campaign, 0 when none.</summary>
    int HighestSequence(string campaignId);
}
