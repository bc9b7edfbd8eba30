using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Confirmations;
using Notices.Delivery;
using Notices.Model;
using Notices.Runs;
using Notices.Store;

namespace Notices.Acknowledgements;

/// <summary>
/// <c>ack import</c>: reads every message of the Maildir that replies to <c>svar+&lt;letter-id&gt;.&lt;tag&gt;@reply-domain</c>
/// are delivered to (never changing it) and records patients' replies as <see cref="Acknowledged"/> (method email,
/// source EmailReply) through <see cref="AcknowledgementRecorder"/>.
/// <para>
/// A message is an acknowledgement of a letter when it is neither a delivery report nor an auto-reply, and either
/// (a) it was delivered to the letter's <c>svar+</c> address and the tag is that letter's reply tag
/// (<see cref="VerpSigner.VerifyReply"/>), or (b) it was sent to no <c>svar+</c> address, names the letter's id in
/// its subject or text, and comes from the email address of that letter's patient (the store's patient record or the
/// letter's snapshot). A bad tag is never rescued by (b): it is listed as forged.
/// </para>
/// <para>
/// Idempotent: each request carries the message's Message-ID (else the file's SHA-256) as its reference, and the
/// recorder skips letters already acknowledged, so importing the same Maildir again records nothing.
/// </para>
/// </summary>
/// <param name="verp">The key the reply addresses were signed with; null: NOTICES_VERP_KEY, else the store's own.</param>
public sealed class ReplyImporter(NoticesDbContext db, VerpSigner? verp = null, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <exception cref="DirectoryNotFoundException">The path is not a Maildir (no new/ and cur/).</exception>
    /// <exception cref="InvalidOperationException">NOTICES_VERP_KEY is set but too short.</exception>
    public ReplyImportSummary Import(string maildirPath, CancellationToken cancellationToken = default)
    {
        var files = new MaildirFolder(maildirPath).Files();
        var signer = verp ?? VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db));
        var unmatched = new List<ReplyUnmatched>();
        var requests = new List<AckRequest>();

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files[i];
            byte[] bytes;
            try
            {
                bytes = file.ReadAllBytes();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                unmatched.Add(new ReplyUnmatched(file.FileName, ReplyUnmatchedReason.Unreadable, "cannot be read: " + ex.GetType().Name));
                continue;
            }

            var reply = ReplyClassifier.Classify(bytes);
            var (letterId, rejection) = Match(reply, signer);
            if (rejection is not null)
            {
                unmatched.Add(rejection with { FileName = file.FileName });
                continue;
            }

            requests.Add(new AckRequest(letterId!, ReceivedOn(reply, file), AckMethod.Email, AckSource.EmailReply)
            {
                Line = i,
                Reference = reply.MessageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }

        var outcome = new AcknowledgementRecorder(db, _time).Record(null, requests, AckPolicy.Idempotent);
        var recorded = outcome.Recorded
            .Select(r => new ReplyRecorded(files[r.Request.Line!.Value].FileName, r.CampaignId, r.LetterId, r.Request.ReceivedOn))
            .ToList();
        var handled = new HashSet<int>(outcome.Recorded.Select(r => r.Request.Line!.Value));
        foreach (var problem in outcome.Problems)
        {
            handled.Add(problem.Request.Line!.Value);
            unmatched.Add(new ReplyUnmatched(files[problem.Request.Line.Value].FileName, ReplyUnmatchedReason.Refused, problem.Reason));
        }

        return new ReplyImportSummary
        {
            FilesRead = files.Count,
            Recorded = recorded,
            AlreadyRecorded = requests.Where(r => !handled.Contains(r.Line!.Value)).Select(r => files[r.Line!.Value].FileName).ToList(),
            Unmatched = unmatched.OrderBy(u => u.FileName, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The letter id the reply acknowledges (as named: possibly a reminder's), or why it is not one. The
    /// order of the checks decides the reason shown.</summary>
    private (string? LetterId, ReplyUnmatched? Rejection) Match(ReplyMessage reply, VerpSigner signer)
    {
        switch (reply.Kind)
        {
            case ReplyKind.DeliveryReport:
                return Reject(ReplyUnmatchedReason.DeliveryReport, $"delivery report or bounce ({reply.Sign})");
            case ReplyKind.AutoReply:
                return Reject(ReplyUnmatchedReason.AutoReply, $"auto-reply ({reply.Sign})");
        }

        if (reply.Address is { } address)
        {
            if (string.IsNullOrEmpty(address.Tag))
            {
                return Reject(ReplyUnmatchedReason.BadTag, $"reply address svar+{address.LetterId} carries no tag");
            }

            if (FindLetter(address.LetterId) is not { } letter)
            {
                return Reject(ReplyUnmatchedReason.UnknownLetter, $"reply address names unknown letter id {address.LetterId}");
            }

            return signer.VerifyReply(letter.CampaignId, letter.LetterId, address.Tag)
                ? (letter.LetterId, null)
                : Reject(ReplyUnmatchedReason.BadTag, $"forged reply tag for letter {letter.LetterId} (or signed with another key)");
        }

        if (reply.MentionedLetterIds.Count == 0)
        {
            return Reject(ReplyUnmatchedReason.NoLetter, "names no letter (no svar+ address, no letter id in subject or text)");
        }

        var known = reply.MentionedLetterIds.Select(FindLetter).OfType<FoundLetter>().ToList();
        if (known.Count == 0)
        {
            return Reject(ReplyUnmatchedReason.UnknownLetter, "unknown letter id " + string.Join(", ", reply.MentionedLetterIds.Take(3)));
        }

        var senders = known.Where(l => reply.FromAddress is { } from && PatientEmails(l).Contains(Delivery.Mime.AddressKey.Of(from))).ToList();
        if (senders.Count == 0)
        {
            return Reject(ReplyUnmatchedReason.NotThePatient,
                $"sender is not the patient of letter {known[0].LetterId}");
        }

        var originals = senders.Select(l => l.OriginalLetterId).Distinct(StringComparer.Ordinal).ToList();
        return originals.Count == 1
            ? (senders[0].LetterId, null)
            : Reject(ReplyUnmatchedReason.Ambiguous, "names several of the sender's letters: " + string.Join(", ", originals.Take(3)));
    }

    private static (string?, ReplyUnmatched?) Reject(ReplyUnmatchedReason why, string reason) => (null, new ReplyUnmatched("", why, reason));

    /// <summary>
    /// The local date of the Date header; without one, of the file's time. A sender's clock may be wrong: a Date later
    /// than the file's (delivery) time is replaced by the file's time, so no reply is dated after it arrived.
    /// </summary>
    private DateOnly ReceivedOn(ReplyMessage reply, MaildirFile file)
    {
        DateTimeOffset delivered = File.GetLastWriteTimeUtc(file.FullPath);
        var instant = reply.Date is { } date && date <= delivered ? date : delivered;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _time.LocalTimeZone).DateTime);
    }

    /// <summary>The letter by id as written, else in upper case (a mail system or a patient may lower-case it), or a
    /// reminder of a known letter by its <c>-R&lt;n&gt;</c> id.</summary>
    private FoundLetter? FindLetter(string candidate)
    {
        foreach (var id in new[] { candidate, candidate.ToUpperInvariant() }.Distinct(StringComparer.Ordinal))
        {
            if (Letter(id) is { } record)
            {
                return new FoundLetter(record.LetterId, record.LetterId, record.CampaignId, record.PatientId, record.SnapshotJson);
            }

            // A reminder's suffix is written "-R<n>" whatever case the rest of the id has.
            var dash = id.LastIndexOf('-');
            var reminderShaped = dash >= 0 ? id[..dash] + id[dash..].ToUpperInvariant() : id;
            if (ReminderIds.TryParse(reminderShaped, out var originalId, out var number) && Letter(originalId) is { } original)
            {
                return new FoundLetter(ReminderIds.For(original.LetterId, number), original.LetterId, original.CampaignId, original.PatientId, original.SnapshotJson);
            }
        }

        return null;
    }

    private LetterRecord? Letter(string id) => db.Letters.AsNoTracking().FirstOrDefault(l => l.LetterId == id);

    /// <summary>The patient's email address now (store) and when the letter was made (snapshot).</summary>
    private HashSet<string> PatientEmails(FoundLetter letter)
    {
        // Compared by AddressKey: punycode and Unicode spellings of one domain are one address.
        var emails = new HashSet<string>(StringComparer.Ordinal);
        if (db.Patients.AsNoTracking().Where(p => p.PatientId == letter.PatientId).Select(p => p.Email).FirstOrDefault() is { } current
            && !string.IsNullOrWhiteSpace(current))
        {
            emails.Add(Delivery.Mime.AddressKey.Of(current));
        }

        try
        {
            if (LetterSnapshot.FromJson(letter.SnapshotJson).Recipient.Email is { } snapshot && !string.IsNullOrWhiteSpace(snapshot))
            {
                emails.Add(Delivery.Mime.AddressKey.Of(snapshot));
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            // An unreadable snapshot only means the snapshot's address cannot vouch for the sender.
        }

        return emails;
    }

    private sealed record FoundLetter(string LetterId, string OriginalLetterId, string CampaignId, string PatientId, string SnapshotJson);
}
