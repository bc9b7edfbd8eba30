using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;

namespace Notices.Acknowledgements;

/// <summary>
/// Checks acknowledgements against the store and the ledger and records them as <see cref="Acknowledged"/> events, in
/// one durable ledger batch. A reminder's id is recorded on its original letter (with the reminder as
/// <see cref="Acknowledged.ViaLetterId"/>), so one patient is acknowledged once, whatever letter they answered.
/// The caller holds the campaign's <c>ack</c> lock, so two commands cannot both find a letter unacknowledged.
/// Letters are looked up in batches and each campaign's ledger is replayed once, so a file of tens of thousands of
/// rows is checked in seconds.
/// </summary>
public sealed class AcknowledgementRecorder(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    private const int LookupChunk = 500;
    private const int ShownIdLength = 40;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="campaignId">The campaign every letter must belong to; null: each letter's own campaign (email import).</param>
    public AckOutcome Record(string? campaignId, IReadOnlyList<AckRequest> requests, AckPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var (accepted, problems, skipped) = Check(campaignId, requests, policy);
        if (policy == AckPolicy.AllOrNothing && problems.Count > 0)
        {
            return new AckOutcome([], problems, skipped) { RecordedNothingBecauseOfProblems = accepted.Count > 0 };
        }

        if (accepted.Count > 0)
        {
            using var ledger = new LedgerWriter(db, _time);
            ledger.AppendDurably([.. accepted.Select(a => new LetterEvent(a.CampaignId, a.LetterId, a.PatientId, new Acknowledged(
                a.Request.ReceivedOn, a.Request.Method, a.Request.Source, AckNote.Normalize(a.Request.Note), a.ViaLetterId,
                a.Request.Reference)))]);
        }

        return new AckOutcome(accepted, problems, skipped);
    }

    /// <summary>Checks without writing: what <see cref="Record"/> would record and refuse.</summary>
    public (List<RecordedAck> Accepted, List<AckProblem> Problems, int Skipped) Check(
        string? campaignId, IReadOnlyList<AckRequest> requests, AckPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var accepted = new List<RecordedAck>();
        var problems = new List<AckProblem>();
        var skipped = 0;
        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var letters = LoadLetters(requests);
        var campaigns = new Dictionary<string, CampaignAcks>(StringComparer.Ordinal);
        var seen = new Dictionary<string, AckRequest>(StringComparer.Ordinal);
        var references = new HashSet<string>(StringComparer.Ordinal);

        foreach (var request in requests)
        {
            var given = request.LetterId.Trim();
            var found = Resolve(given, letters, campaigns);
            if (found is null)
            {
                problems.Add(new AckProblem(request, AckProblemKind.UnknownLetter, $"no letter with id '{Shown(given)}'"));
                continue;
            }

            var (record, original, via) = found.Value;
            if (campaignId is not null && !string.Equals(original.CampaignId, campaignId, StringComparison.Ordinal))
            {
                problems.Add(new AckProblem(request, AckProblemKind.OtherCampaign,
                    $"letter '{Shown(given)}' belongs to campaign '{original.CampaignId}', not '{campaignId}'"));
                continue;
            }

            if (request.ReceivedOn > today)
            {
                problems.Add(new AckProblem(request, AckProblemKind.FutureDate,
                    $"received date {Iso(request.ReceivedOn)} is after today ({Iso(today)})"));
                continue;
            }

            var made = DateOnly.FromDateTime(record.CreatedAt.ToLocalTime().DateTime);
            if (request.ReceivedOn < made)
            {
                problems.Add(new AckProblem(request, AckProblemKind.BeforeLetter,
                    $"received date {Iso(request.ReceivedOn)} is before letter '{record.LetterId}' was made ({Iso(made)})"));
                continue;
            }

            if (request.Reference is { } reference && !references.Add(reference))
            {
                skipped++;
                continue;
            }

            if (seen.TryGetValue(original.LetterId, out var first))
            {
                if (policy == AckPolicy.Idempotent)
                {
                    skipped++;
                }
                else
                {
                    problems.Add(new AckProblem(request, AckProblemKind.Duplicate, first.Line is { } line
                        ? string.Create(CultureInfo.InvariantCulture, $"letter '{original.LetterId}' is also {Where(first.Source)} {line}")
                        : $"letter '{original.LetterId}' is given twice"));
                }

                continue;
            }

            seen[original.LetterId] = request;
            if (Acks(original.CampaignId, campaigns).Acknowledged.TryGetValue(original.LetterId, out var existing))
            {
                if (policy == AckPolicy.Idempotent)
                {
                    skipped++;
                }
                else
                {
                    problems.Add(new AckProblem(request, AckProblemKind.AlreadyAcknowledged,
                        $"letter '{original.LetterId}' is already acknowledged ({Iso(existing.ReceivedOn)}, {AckMethods.Name(existing.Method)})"));
                }

                continue;
            }

            accepted.Add(new RecordedAck(original.CampaignId, original.LetterId, original.PatientId, request) { ViaLetterId = via });
        }

        return (accepted, problems, skipped);
    }

    /// <summary>
    /// The letter a given id stands for: the letter itself, or for a reminder id (<c>…-R1</c>) its original, with the
    /// reminder as <c>via</c>. A reminder counts when the store or the ledger knows it; an id the store does not hold
    /// is also tried in upper case (ids typed by hand from the reply form).
    /// </summary>
    private (Letter Record, Letter Original, string? Via)? Resolve(
        string given, Dictionary<string, Letter> letters, Dictionary<string, CampaignAcks> campaigns)
    {
        foreach (var id in (string[])[given, given.ToUpperInvariant()])
        {
            if (!ReminderIds.TryParse(id, out var originalId, out _) || !letters.TryGetValue(originalId, out var original))
            {
                if (letters.TryGetValue(id, out var letter))
                {
                    return (letter, letter, null);
                }

                continue;
            }

            if (letters.TryGetValue(id, out var reminder))
            {
                return (reminder, original, id);
            }

            if (Acks(original.CampaignId, campaigns).Reminders.Contains(id))
            {
                return (original, original, id);
            }
        }

        return null;
    }

    /// <summary>Every letter the requests name (and the originals of reminder ids), looked up in batches.</summary>
    private Dictionary<string, Letter> LoadLetters(IReadOnlyList<AckRequest> requests)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var given = request.LetterId.Trim();
            foreach (var id in (string[])[given, given.ToUpperInvariant()])
            {
                ids.Add(id);
                if (ReminderIds.TryParse(id, out var original, out _))
                {
                    ids.Add(original);
                }
            }
        }

        var letters = new Dictionary<string, Letter>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            foreach (var l in db.Letters.AsNoTracking().Where(l => chunk.Contains(l.LetterId))
                .Select(l => new Letter(l.LetterId, l.CampaignId, l.PatientId, l.CreatedAt)))
            {
                letters[l.LetterId] = l;
            }
        }

        return letters;
    }

    private CampaignAcks Acks(string campaignId, Dictionary<string, CampaignAcks> campaigns)
    {
        if (!campaigns.TryGetValue(campaignId, out var acks))
        {
            var projection = LetterStateProjector.Project(db, campaignId);
            acks = new CampaignAcks(
                projection.Letters.Where(l => l.Acknowledgement is not null)
                    .ToDictionary(l => l.LetterId, l => l.Acknowledgement!, StringComparer.Ordinal),
                projection.Reminders.Select(r => r.LetterId).ToHashSet(StringComparer.Ordinal));
            campaigns[campaignId] = acks;
        }

        return acks;
    }

    /// <summary>An id as typed, safe to echo: one line, at most <see cref="ShownIdLength"/> characters.</summary>
    private static string Shown(string id)
    {
        var clean = AckNote.Clean(id) ?? "";
        return clean.Length <= ShownIdLength ? clean : string.Concat(clean.AsSpan(0, ShownIdLength), "…");
    }

    private static string Where(AckSource source) => source == AckSource.Manual ? "argument" : "on line";

    private static string Iso(DateOnly date) => AckDates.Iso(date);

    private sealed record Letter(string LetterId, string CampaignId, string PatientId, DateTimeOffset CreatedAt);

    private sealed record CampaignAcks(Dictionary<string, LetterAcknowledgement> Acknowledged, HashSet<string> Reminders);
}
