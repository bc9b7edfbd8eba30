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
/// </summary>
public sealed class AcknowledgementRecorder(NoticesDbContext db, TimeProvider? timeProvider = null)
{
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
                a.Request.ReceivedOn, a.Request.Method, a.Request.Source, a.Request.Note,
                string.Equals(a.Request.LetterId, a.LetterId, StringComparison.Ordinal) ? null : a.Request.LetterId,
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
        var projections = new Dictionary<string, CampaignProjection>(StringComparer.Ordinal);
        var seen = new Dictionary<string, AckRequest>(StringComparer.Ordinal);
        var references = new HashSet<string>(StringComparer.Ordinal);

        foreach (var request in requests)
        {
            var letterId = request.LetterId.Trim();
            var originalId = ReminderIds.TryParse(letterId, out var original, out _) && Exists(original) ? original : letterId;
            var record = db.Letters.AsNoTracking().FirstOrDefault(l => l.LetterId == originalId);
            if (record is null)
            {
                problems.Add(new AckProblem(request, AckProblemKind.UnknownLetter, $"no letter with id '{letterId}'"));
                continue;
            }

            if (campaignId is not null && !string.Equals(record.CampaignId, campaignId, StringComparison.Ordinal))
            {
                problems.Add(new AckProblem(request, AckProblemKind.OtherCampaign,
                    $"letter '{letterId}' belongs to campaign '{record.CampaignId}', not '{campaignId}'"));
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
                    $"received date {Iso(request.ReceivedOn)} is before the letter was made ({Iso(made)})"));
                continue;
            }

            if (request.Reference is { } reference && !references.Add(reference))
            {
                skipped++;
                continue;
            }

            if (seen.TryGetValue(originalId, out var first))
            {
                if (policy == AckPolicy.Idempotent)
                {
                    skipped++;
                }
                else
                {
                    problems.Add(new AckProblem(request, AckProblemKind.Duplicate, first.Line is { } line
                        ? string.Create(CultureInfo.InvariantCulture, $"letter '{originalId}' is also on line {line}")
                        : $"letter '{originalId}' is given twice"));
                }

                continue;
            }

            seen[originalId] = request;
            if (!projections.TryGetValue(record.CampaignId, out var projection))
            {
                projection = LetterStateProjector.Project(db, record.CampaignId);
                projections[record.CampaignId] = projection;
            }

            var status = projection.Letters.FirstOrDefault(l => string.Equals(l.LetterId, originalId, StringComparison.Ordinal));
            if (status?.Acknowledgement is { } existing)
            {
                if (policy == AckPolicy.Idempotent)
                {
                    skipped++;
                }
                else
                {
                    problems.Add(new AckProblem(request, AckProblemKind.AlreadyAcknowledged,
                        $"letter '{originalId}' is already acknowledged ({Iso(existing.ReceivedOn)}, {AckMethods.Name(existing.Method)})"));
                }

                continue;
            }

            accepted.Add(new RecordedAck(record.CampaignId, originalId, record.PatientId, request));
        }

        return (accepted, problems, skipped);
    }

    private bool Exists(string letterId) => db.Letters.AsNoTracking().Any(l => l.LetterId == letterId);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
