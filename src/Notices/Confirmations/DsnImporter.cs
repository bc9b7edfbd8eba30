using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;

namespace Notices.Confirmations;

/// <summary>
/// <c>dsn import</c>: reads every message of a Maildir (never changing it), matches delivery reports and bounces to
/// letters by their signed VERP address, and records EmailDelivered / EmailDelayed / EmailBounced in the ledger. It
/// only reads and records; putting bounced letters in a print batch is <see cref="Runs.BounceRerouteRun"/>'s job.
/// <para>
/// A report is recorded only when all of this holds, else it is listed as unmatched with the reason:
/// it is a delivery report or bounce; it was delivered to <c>bounces+&lt;letter-id&gt;.&lt;tag&gt;@</c>; the letter exists
/// and the tag is its tag (<see cref="VerpSigner.Verify"/>); the letter was emailed; every Message-ID the report names
/// (the returned headers' Message-ID, an Original-Envelope-Id) is one the ledger recorded for that letter
/// (EmailSending, EmailWritten, EmailAccepted, EmailDeferred, EmailFailed); and a bounce with no delivery-status part
/// that names no Message-ID came from a mail system (null sender, MAILER-DAEMON or postmaster).
/// </para>
/// <para>
/// Idempotent: every recorded report carries a key (<c>dsn</c>: the report's Message-ID, else the SHA-256 of the file);
/// a key already in the ledger is skipped.
/// </para>
/// </summary>
/// <param name="verp">The key the VERP addresses were signed with; null: NOTICES_VERP_KEY, else the store's own.</param>
public sealed class DsnImporter(NoticesDbContext db, VerpSigner? verp = null, TimeProvider? timeProvider = null)
{
    private static readonly LedgerEventKind[] ReportKinds =
    [
        LedgerEventKind.EmailDelivered, LedgerEventKind.EmailDelayed, LedgerEventKind.EmailBounced,
    ];

    /// <summary>
    /// Events whose <c>message_id</c> is an email made for the letter: the intent (EmailSending: the outcome may be
    /// unknown, and a report resolves it), written or accepted, and deferred or failed (the server may have queued
    /// the message without our seeing the 250).
    /// </summary>
    private static readonly LedgerEventKind[] EmailKinds =
    [
        LedgerEventKind.EmailSending, LedgerEventKind.EmailAccepted, LedgerEventKind.EmailWritten,
        LedgerEventKind.EmailDeferred, LedgerEventKind.EmailFailed,
    ];

    /// <exception cref="DirectoryNotFoundException">The path is not a Maildir (no new/ and cur/).</exception>
    /// <exception cref="InvalidOperationException">NOTICES_VERP_KEY is set but too short.</exception>
    public Task<DsnImportSummary> ImportAsync(DsnImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maildir = new MaildirFolder(options.MaildirPath);
        var files = maildir.Files();
        var signer = verp ?? VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db));
        var knownKeys = KnownReportKeys();
        var recorded = new List<RecordedReport>();
        var already = new List<string>();
        var unmatched = new List<UnmatchedMessage>();
        var matchedCampaigns = new SortedSet<string>(StringComparer.Ordinal);

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
                unmatched.Add(new UnmatchedMessage(file.FileName, UnmatchedReason.Unreadable, "cannot be read: " + ex.GetType().Name));
                continue;
            }

            var report = ConfirmationReader.Read(bytes);
            var (letter, rejection) = Match(report, signer);
            if (rejection is { } why)
            {
                unmatched.Add(new UnmatchedMessage(file.FileName, why.Reason, why.Text));
                continue;
            }

            matchedCampaigns.Add(letter!.CampaignId);
            var key = report.MessageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!knownKeys.Add(key))
            {
                already.Add(file.FileName);
                continue;
            }

            var kind = report.Outcome switch
            {
                DsnOutcome.Delivered => LedgerEventKind.EmailDelivered,
                DsnOutcome.Delayed => LedgerEventKind.EmailDelayed,
                _ => LedgerEventKind.EmailBounced,
            };
            ledger.Append(letter.CampaignId, letter.LetterId, letter.PatientId, Event(report, letter.LetterId, key, file.FileName, kind));
            recorded.Add(new RecordedReport(file.FileName, letter.CampaignId, letter.LetterId, kind, report.Status ?? "unknown"));
        }

        ledger.Flush();
        return Task.FromResult(new DsnImportSummary
        {
            FilesRead = files.Count,
            Recorded = recorded,
            AlreadyImported = already,
            Unmatched = unmatched,
            MatchedCampaigns = [.. matchedCampaigns],
        });
    }

    /// <summary>The letter the report is about, or why it is not recorded. The order of the checks decides the reason shown.</summary>
    private (MatchedLetter? Letter, Rejection? Rejection) Match(ConfirmationMessage report, VerpSigner signer)
    {
        if (report.Kind == ConfirmationKind.Other)
        {
            return Reject(UnmatchedReason.NotAReport, "not a delivery report or bounce");
        }

        if (report.Outcome is null)
        {
            return Reject(UnmatchedReason.UnknownAction, "delivery report without a known Action");
        }

        if (report.VerpLetterId is not { } verpId)
        {
            return Reject(UnmatchedReason.NoVerpAddress, "no bounces+<letter-id> address in Delivered-To, X-Original-To, To or Envelope-To");
        }

        if (report.VerpTag is null)
        {
            return Reject(UnmatchedReason.UnsignedVerp, $"unsigned VERP address: bounces+{verpId} carries no tag");
        }

        if (FindLetter(verpId) is not { } letter)
        {
            return Reject(UnmatchedReason.UnknownLetter, $"unknown letter id {verpId}");
        }

        if (!signer.Verify(letter.CampaignId, letter.LetterId, report.VerpTag))
        {
            return Reject(UnmatchedReason.BadTag, $"VERP tag is not letter {letter.LetterId}'s (forged, or signed with another key)");
        }

        if (SentMessageIds(letter.CampaignId, letter.LetterId) is not { } sent)
        {
            // A report about a letter that only ever went by post must not make it look emailed.
            return Reject(UnmatchedReason.NeverEmailed, $"letter {letter.LetterId} was never sent by email");
        }

        var named = NamedMessageIds(report, letter.LetterId);
        if (named.FirstOrDefault(id => !sent.Contains(id)) is { } foreign)
        {
            return Reject(UnmatchedReason.MessageIdNotRecorded, $"Message-ID {foreign} was never recorded for letter {letter.LetterId}");
        }

        if (report.Kind == ConfirmationKind.PlainBounce && named.Count == 0 && !report.FromMailSystem)
        {
            return Reject(UnmatchedReason.UnconfirmedBounce,
                "bounce without delivery-status part or returned Message-ID, not from a mail system");
        }

        return (letter, null);
    }

    private static (MatchedLetter?, Rejection?) Reject(UnmatchedReason reason, string text) => (null, new Rejection(reason, text));

    /// <summary>
    /// Every Message-ID the report names: the returned headers' and the Original-Envelope-Id (as &lt;id&gt;). The SMTP
    /// channel sends the letter id as ENVID (RFC 3461), so an envelope id equal to <paramref name="letterId"/> names no
    /// Message-ID; any other (an older run's Message-ID, or another letter's id) must be one recorded for the letter.
    /// </summary>
    private static List<string> NamedMessageIds(ConfirmationMessage report, string letterId)
    {
        var ids = new List<string>(2);
        if (report.OriginalMessageId is { } returned)
        {
            ids.Add(returned);
        }

        if (report.OriginalEnvelopeId is { } envelope)
        {
            var id = DecodeXtext(envelope);
            if (!string.Equals(id.Trim(), letterId, StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(id.StartsWith('<') ? id : "<" + id + ">");
            }
        }

        return ids;
    }

    private static DeliveryReportEvent Event(ConfirmationMessage report, string letterId, string key, string fileName, LedgerEventKind kind)
    {
        var status = report.Status ?? "unknown";
        var action = report.Action ?? "";
        var messageId = NamedMessageIds(report, letterId).FirstOrDefault();
        return kind switch
        {
            LedgerEventKind.EmailDelivered => new EmailDelivered(status, action, key, fileName, report.Diagnostic, messageId),
            LedgerEventKind.EmailDelayed => new EmailDelayed(status, action, key, fileName, report.Diagnostic, messageId,
                WillRetryUntil: report.WillRetryUntil),
            // The projector shows "email bounced: <reason>" in status and report.
            _ => new EmailBounced(status, action, key, fileName, report.Diagnostic, messageId,
                report.Kind == ConfirmationKind.PlainBounce ? "bounce without delivery report" : "status " + status),
        };
    }

    /// <summary>ENVID is xtext (RFC 3461 4): "+XX" stands for the byte 0xXX.</summary>
    private static string DecodeXtext(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '+' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var b))
            {
                sb.Append((char)b);
                i += 2;
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
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

    /// <summary>The Message-IDs the ledger recorded for the letter's emails, or null when it recorded none (no email left).</summary>
    /// <remarks>Filtering on the campaign too lets SQLite use the (CampaignId, LetterId) index instead of scanning the
    /// whole ledger once per report.</remarks>
    private HashSet<string>? SentMessageIds(string campaignId, string letterId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in db.Ledger.AsNoTracking().Where(e => e.CampaignId == campaignId && e.LetterId == letterId && EmailKinds.Contains(e.Kind)).AsEnumerable())
        {
            var id = row.ReadEvent() switch
            {
                EmailSending e => e.MessageId,
                EmailWritten e => e.MessageId,
                EmailAccepted e => e.MessageId,
                EmailDeferred e => e.MessageId,
                EmailFailed e => e.MessageId,
                _ => null,
            };

            // An EmailFailed before any message was made (no address, PDF missing) has no Message-ID: no email left.
            if (!string.IsNullOrEmpty(id))
            {
                ids.Add(id);
            }
        }

        return ids.Count > 0 ? ids : null;
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

    private sealed record Rejection(UnmatchedReason Reason, string Text);
}
