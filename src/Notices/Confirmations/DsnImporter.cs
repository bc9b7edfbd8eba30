using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;

namespace Notices.Confirmations;

/// <summary>
/// <c>dsn import</c>: reads every message of a Maildir (never changing it), matches delivery reports and bounces to
/// letters by their VERP address, records EmailDelivered / EmailDelayed / EmailBounced in the ledger, and sends
/// bounced letters by post (see <see cref="BounceRerouter"/>).
/// <para>
/// Idempotent: every recorded report carries a key (<c>dsn</c>: the report's Message-ID, else the SHA-256 of the file);
/// a key already in the ledger is skipped. Re-routing looks at the ledger's final state, so a bounced letter an earlier
/// import could not post (say its PDF was missing) is tried again on the next import.
/// </para>
/// </summary>
public sealed class DsnImporter(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    private static readonly LedgerEventKind[] ReportKinds =
    [
        LedgerEventKind.EmailDelivered, LedgerEventKind.EmailDelayed, LedgerEventKind.EmailBounced,
    ];

    /// <summary>Events that show an email left for the letter (a deferral may have been accepted without our seeing the 250).</summary>
    private static readonly LedgerEventKind[] EmailKinds =
    [
        LedgerEventKind.EmailAccepted, LedgerEventKind.EmailWritten, LedgerEventKind.EmailDeferred, LedgerEventKind.EmailSending,
        LedgerEventKind.EmailFailed,
    ];

    /// <exception cref="DirectoryNotFoundException">The path is not a Maildir (no new/ and cur/).</exception>
    public async Task<DsnImportSummary> ImportAsync(DsnImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maildir = new MaildirFolder(options.MaildirPath);
        var files = maildir.Files();
        var knownKeys = KnownReportKeys();
        var recorded = new List<RecordedReport>();
        var already = new List<string>();
        var unmatched = new List<UnmatchedMessage>();
        var touchedCampaigns = new SortedSet<string>(StringComparer.Ordinal);

        using var ledger = new LedgerWriter(db, timeProvider);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] bytes;
            try
            {
                bytes = file.ReadAllBytes();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, "cannot be read: " + ex.GetType().Name));
                continue;
            }

            var report = ConfirmationReader.Read(bytes);
            if (report.Kind == ConfirmationKind.Other)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, "not a delivery report or bounce"));
                continue;
            }

            if (report.Outcome is not { } outcome)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, "delivery report without a known Action"));
                continue;
            }

            if (report.VerpLetterId is null)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, "no bounces+<letter-id> address in Delivered-To, X-Original-To, To or Envelope-To"));
                continue;
            }

            var letter = FindLetter(report.VerpLetterId);
            if (letter is null)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, $"unknown letter id {report.VerpLetterId}"));
                continue;
            }

            var sent = SentEmail(letter.CampaignId, letter.LetterId);
            if (sent is null)
            {
                // A report about a letter that only ever went by post must not make it look emailed.
                unmatched.Add(new UnmatchedMessage(file.FileName, $"letter {letter.LetterId} was never sent by email"));
                continue;
            }

            touchedCampaigns.Add(letter.CampaignId);
            var key = report.MessageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!knownKeys.Add(key))
            {
                already.Add(file.FileName);
                continue;
            }

            var mismatch = report.OriginalMessageId is { } original && sent.Count > 0 && !sent.Contains(original);
            var kind = outcome switch
            {
                DsnOutcome.Delivered => LedgerEventKind.EmailDelivered,
                DsnOutcome.Delayed => LedgerEventKind.EmailDelayed,
                _ => LedgerEventKind.EmailBounced,
            };
            ledger.Append(letter.CampaignId, letter.LetterId, letter.PatientId, Event(report, key, file.FileName, kind));
            recorded.Add(new RecordedReport(file.FileName, letter.CampaignId, letter.LetterId, kind, report.Status ?? "unknown", mismatch));
        }

        ledger.Flush();
        var (rerouted, notRerouted) = await RerouteBouncedAsync(touchedCampaigns, ledger, options, cancellationToken).ConfigureAwait(false);
        ledger.Flush();

        return new DsnImportSummary
        {
            FilesRead = files.Count,
            Recorded = recorded,
            AlreadyImported = already,
            Unmatched = unmatched,
            Rerouted = rerouted,
            NotRerouted = notRerouted,
        };
    }

    /// <summary>Every letter of the touched campaigns that is Failed because its email bounced (not printed, not acknowledged).</summary>
    private async Task<(List<ReroutedLetter>, List<NotReroutedLetter>)> RerouteBouncedAsync(
        IEnumerable<string> campaigns, LedgerWriter ledger, DsnImportOptions options, CancellationToken cancellationToken)
    {
        var rerouted = new List<ReroutedLetter>();
        var notRerouted = new List<NotReroutedLetter>();
        var rerouter = new BounceRerouter(db, new LedgerDeliveryLog(ledger), options.OutputDirectory);
        foreach (var campaignId in campaigns)
        {
            var bounced = LetterStateProjector.Project(db, campaignId).Letters
                .Where(l => l.Bounced && l.State == LetterDeliveryState.Failed)
                .ToList();
            if (!options.PrintFallback)
            {
                notRerouted.AddRange(bounced.Select(l => new NotReroutedLetter(campaignId, l.LetterId, "print fallback turned off")));
                continue;
            }

            var result = await rerouter.RerouteAsync(campaignId, bounced, cancellationToken).ConfigureAwait(false);
            rerouted.AddRange(result.Rerouted);
            notRerouted.AddRange(result.NotRerouted);
        }

        return (rerouted, notRerouted);
    }

    private static DeliveryReportEvent Event(ConfirmationMessage report, string key, string fileName, LedgerEventKind kind)
    {
        var status = report.Status ?? "unknown";
        var action = report.Action ?? "";
        return kind switch
        {
            LedgerEventKind.EmailDelivered => new EmailDelivered(status, action, key, fileName, report.Diagnostic, report.OriginalMessageId),
            LedgerEventKind.EmailDelayed => new EmailDelayed(status, action, key, fileName, report.Diagnostic, report.OriginalMessageId,
                WillRetryUntil: report.WillRetryUntil),
            // The projector shows "email bounced: <reason>" in status and report.
            _ => new EmailBounced(status, action, key, fileName, report.Diagnostic, report.OriginalMessageId,
                report.Kind == ConfirmationKind.PlainBounce ? "bounce without delivery report" : "status " + status),
        };
    }

    private HashSet<string> KnownReportKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in db.Ledger.AsNoTracking().Where(e => ReportKinds.Contains(e.Kind)).AsEnumerable())
        {
            if (row.ReadEvent() is DeliveryReportEvent { Dsn: { } key })
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>The Message-IDs the letter's emails were sent with, or null when no email was ever sent for it.</summary>
    /// <remarks>Filtering on the campaign too lets SQLite use the (CampaignId, LetterId) index instead of scanning the
    /// whole ledger once per report.</remarks>
    private HashSet<string>? SentEmail(string campaignId, string letterId)
    {
        HashSet<string>? ids = null;
        foreach (var row in db.Ledger.AsNoTracking().Where(e => e.CampaignId == campaignId && e.LetterId == letterId && EmailKinds.Contains(e.Kind)).AsEnumerable())
        {
            ids ??= new HashSet<string>(StringComparer.Ordinal);
            var id = row.ReadEvent() switch
            {
                EmailSending e => e.MessageId,
                EmailWritten e => e.MessageId,
                EmailAccepted e => e.MessageId,
                EmailFailed e => e.MessageId,
                EmailDeferred e => e.MessageId,
                _ => null,
            };
            if (id is not null)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The letter by id from the letters table, else from the ledger. Ids are upper case; some mail systems
    /// lower-case the address, so an exact miss is retried in upper case.</summary>
    private MatchedLetter? FindLetter(string candidate)
    {
        foreach (var id in new[] { candidate, candidate.ToUpperInvariant() }.Distinct(StringComparer.Ordinal))
        {
            var record = db.Letters.AsNoTracking().Where(l => l.LetterId == id)
                .Select(l => new MatchedLetter(l.LetterId, l.CampaignId, l.PatientId)).FirstOrDefault();
            if (record is not null)
            {
                return record;
            }

            var entry = db.Ledger.AsNoTracking().Where(e => e.LetterId == id).OrderBy(e => e.Seq)
                .Select(e => new MatchedLetter(e.LetterId!, e.CampaignId, e.PatientId)).FirstOrDefault();
            if (entry is not null)
            {
                return entry;
            }
        }

        return null;
    }

    private sealed record MatchedLetter(string LetterId, string CampaignId, string? PatientId);
}
