namespace Notices.Model;

/// <summary>A letter of a campaign. Holds the stable letter id and a snapshot of the data it was made from.</summary>
public sealed class LetterRecord
{
    public required string LetterId { get; set; }
    public required string CampaignId { get; set; }
    public required string PatientId { get; set; }
    /// <summary>Sequence number within the campaign, the numeric tail of the letter id.</summary>
    public int Sequence { get; set; }
    /// <summary>Channel decided when the letter was made: Email, Post or Unreachable.</summary>
    public required string Channel { get; set; }
    /// <summary>JSON of the recipient and devices the letter was made from.</summary>
    public required string SnapshotJson { get; set; }
    public string? PdfPath { get; set; }
    public string? PdfSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>For a reminder letter (<c>&lt;original&gt;-R&lt;n&gt;</c>): the original letter's id; null for an original letter.
    /// A patient has one original letter per campaign and any number of reminders.</summary>
    public string? ReminderOf { get; set; }
}
