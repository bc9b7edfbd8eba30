using Notices.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Letters;
using Notices.Records;
using Notices.Runs;
using Notices.Store;
using Notices.Tests.Support;

namespace Notices.Tests.Confirmations;

/// <summary>
/// Runs the real pipeline once (import the bundled sample, plan and send templates/fa830-minimed into .eml files and
/// print batches) and hands each test its own copy of the store and output directory.
/// </summary>
public sealed class SentCampaignFixture : IDisposable
{
    public const string CampaignId = "fa830-minimed-dk";

    private readonly TempDirectory _template = new();

    public SentCampaignFixture()
    {
        LetterPdfSetup.EnsureInitialised();
        var dbPath = _template.File("notices.db");
        using (var db = StoreSchema.Open(dbPath))
        {
            var import = new RecordsImporter().Import(db, RepoPaths.SamplePatients, RepoPaths.SampleDevices);
            if (!import.Succeeded)
            {
                throw new InvalidOperationException("The sample did not import.");
            }

            var review = PlanReviewer.Review(db, RepoPaths.SampleNotice);
            var options = new SendOptions { OutputDirectory = _template.File("out"), LetterDate = new DateOnly(2026, 11, 21), RenderWorkers = 2 };
            new SendRun(db, new PdfSharpLetterWriter()).RunAsync(review, options, null, CancellationToken.None).GetAwaiter().GetResult();

            // Each email letter with the Message-ID its .eml file was written with.
            EmailLetters = db.Ledger.AsNoTracking()
                .Where(e => e.Kind == LedgerEventKind.EmailWritten)
                .OrderBy(e => e.LetterId)
                .AsEnumerable()
                .Select(e => new SentEmail(e.LetterId!, e.PatientId!, LedgerDetail.Parse(e.Detail)["message_id"]))
                .ToList();
            // The key send signed the VERP addresses with, so tests can make genuine (and forged) reports.
            Verp = VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db));
            PostLetterIds = db.Letters.AsNoTracking().Where(l => l.Channel == "Post").Select(l => l.LetterId).AsEnumerable()
                .Order(StringComparer.Ordinal).ToList();
        }

        SqliteConnection.ClearAllPools();
    }

    public IReadOnlyList<SentEmail> EmailLetters { get; }

    public VerpSigner Verp { get; }

    /// <summary>A fixture made out for an email letter of the campaign: its signed VERP address and its Message-ID.</summary>
    public string Report(string fixture, SentEmail letter, string reportId) =>
        DsnFixtures.For(fixture, letter.LetterId, Tag(letter.LetterId), letter.MessageId, reportId);

    /// <summary>The genuine VERP tag of a letter of the campaign.</summary>
    public string Tag(string letterId) => Verp.Tag(CampaignId, letterId);

    /// <summary>Letters that went to a print batch, never by email.</summary>
    public IReadOnlyList<string> PostLetterIds { get; }

    /// <summary>A fresh copy of the sent campaign (store and out/) with an empty Maildir.</summary>
    public SentCampaign Copy()
    {
        var copy = new SentCampaign();
        foreach (var file in Directory.EnumerateFiles(_template.Path, "notices.db*"))
        {
            File.Copy(file, Path.Combine(copy.Dir.Path, Path.GetFileName(file)));
        }

        CopyDirectory(_template.File("out"), copy.OutDir);
        return copy;
    }

    public void Dispose() => _template.Dispose();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
