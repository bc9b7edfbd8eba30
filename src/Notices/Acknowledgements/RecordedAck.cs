namespace Notices.Acknowledgements;

/// <summary>An acknowledgement written to the ledger: on <see cref="LetterId"/> (always the original letter), for the request.</summary>
public sealed record RecordedAck(string CampaignId, string LetterId, string PatientId, AckRequest Request)
{
    /// <summary>The reminder the patient answered, when the request named one (recorded as <c>ViaLetterId</c>).</summary>
    public string? ViaLetterId { get; init; }
}
