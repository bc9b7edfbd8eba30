namespace Notices.Runs;

/// <summary>Where a campaign's files go under the output directory (see the README's Outputs table).</summary>
public sealed class CampaignPaths(string outputDirectory, string campaignId)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(outputDirectory, campaignId));
    public string Letters => Path.Combine(Root, "letters");
    public string Email => Path.Combine(Root, "email");
    public string Print => Path.Combine(Root, "print");
    public string ReportCsv => Path.Combine(Root, "report.csv");
    public string ReportPdf => Path.Combine(Root, "report.pdf");

    public string LetterPdf(string letterId) => Path.Combine(Letters, letterId + ".pdf");

    public void Create()
    {
        Directory.CreateDirectory(Letters);
        Directory.CreateDirectory(Email);
        Directory.CreateDirectory(Print);
    }
}
