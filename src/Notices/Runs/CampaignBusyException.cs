namespace Notices.Runs;

/// <summary>Another process holds the campaign's run lock. The message names that process and when it started.</summary>
public sealed class CampaignBusyException : Exception
{
    public CampaignBusyException(string message)
        : base(message)
    {
    }

    public CampaignBusyException()
    {
    }

    public CampaignBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
