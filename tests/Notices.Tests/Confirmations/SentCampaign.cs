using Notices.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Confirmations;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Runs;
using Notices.Store;
using Notices.Tests.Support;

namespace Notices.Tests.Confirmations;

/// <summary>One test's copy of the sent sample campaign: notices.db, out/ and an empty Maildir (new/, cur/, tmp/).</summary>
public sealed class SentCampaign : IDisposable
{
    public SentCampaign()
    {
        foreach (var folder in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(Maildir, folder));
        }
    }

    public TempDirectory Dir { get; } = new();
    public string DbPath => Dir.File("notices.db");
    public string OutDir => Dir.File("out");
    public string Maildir => Dir.File("Maildir");
    public string PrintDir => Path.Combine(OutDir, SentCampaignFixture.CampaignId, "print");

    public string LetterPdf(string letterId) => Path.Combine(OutDir, SentCampaignFixture.CampaignId, "letters", letterId + ".pdf");

    /// <summary>Writes a message file the way a delivery agent does (new/ by default) and returns its path.</summary>
    public string Deliver(string fileName, string content, string folder = "new")
    {
        var path = Path.Combine(Maildir, folder, fileName);
        File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content));
        return path;
    }

    /// <summary>What <c>dsn import</c> does: <see cref="DsnImporter"/> reads and records, then <see cref="BounceRerouteRun"/>
    /// puts the bounced letters of the matched campaigns in a print batch.</summary>
    public async Task<DsnImportResult> ImportAsync(bool printFallback = true, VerpSigner? verp = null)
    {
        using var db = StoreSchema.Open(DbPath);
        var summary = await new DsnImporter(db, verp).ImportAsync(new DsnImportOptions { MaildirPath = Maildir }, CancellationToken.None);
        var reroute = await new BounceRerouteRun(db).RunAsync(
            summary.MatchedCampaigns, new BounceRerouteOptions { OutputDirectory = OutDir, PrintFallback = printFallback }, CancellationToken.None);
        return new DsnImportResult(summary, reroute);
    }

    /// <summary>Every batch-*.pdf in the campaign's print folder, by name.</summary>
    public List<string> PrintBatchFiles() =>
        Directory.GetFiles(PrintDir, "batch-*.pdf").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public List<LedgerEntry> Ledger(LedgerEventKind? kind = null, string? letterId = null)
    {
        using var db = StoreSchema.Open(DbPath);
        return db.Ledger.AsNoTracking()
            .Where(e => (kind == null || e.Kind == kind) && (letterId == null || e.LetterId == letterId))
            .OrderBy(e => e.Seq).ToList();
    }

    public CampaignProjection Project()
    {
        using var db = StoreSchema.Open(DbPath);
        return LetterStateProjector.Project(db, SentCampaignFixture.CampaignId);
    }

    public LetterStatus State(string letterId) => Project().Letters.Single(l => l.LetterId == letterId);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}
