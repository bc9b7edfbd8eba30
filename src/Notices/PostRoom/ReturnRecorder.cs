using Microsoft.EntityFrameworkCore;
using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;

namespace Notices.PostRoom;

/// <summary>
/// Checks returned letters against the store and the ledger and records them all as <see cref="Returned"/> events in
/// one durable ledger batch, or none. A reminder's id (<c>…-R1</c>) is recorded on that reminder letter: it is the
/// envelope that came back (unlike <c>ack</c>, which acknowledges the patient through the original). A letter can come
/// back only once it was printed (its batch has a completed print job, or is posted), on a day not before that, and
/// once. The caller holds the campaign's post lock, so two commands cannot both find a letter not yet returned.
/// </summary>
public sealed class ReturnRecorder(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    private const int LookupChunk = 500;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public (IReadOnlyList<RecordedReturn> Recorded, IReadOnlyList<ReturnProblem> Problems) Record(
        string campaignId, IReadOnlyList<ReturnRequest> requests, bool checkOnly = false)
    {
        var (accepted, problems) = Check(campaignId, requests);
        if (problems.Count > 0 || checkOnly || accepted.Count == 0)
        {
            return ([], problems);
        }

        using var ledger = new LedgerWriter(db, _time);
        ledger.AppendDurably([.. accepted.Select(a => new LetterEvent(a.CampaignId, a.LetterId, a.PatientId,
            new Returned(a.Request.Reason, AckDates.Iso(a.Request.ReturnedOn))))]);
        return (accepted, problems);
    }

    public (List<RecordedReturn> Accepted, List<ReturnProblem> Problems) Check(string campaignId, IReadOnlyList<ReturnRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var accepted = new List<RecordedReturn>();
        var problems = new List<ReturnProblem>();
        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var letters = LoadLetters(requests);
        var projection = LetterStateProjector.Project(db, campaignId);
        var statuses = projection.Letters.Concat(projection.Reminders).ToDictionary(s => s.LetterId, StringComparer.Ordinal);
        var batches = BatchBook.Read(db, campaignId);
        var seen = new Dictionary<string, ReturnRequest>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var given = request.LetterId.Trim();
            var record = letters.GetValueOrDefault(given) ?? letters.GetValueOrDefault(given.ToUpperInvariant());
            if (record is null)
            {
                problems.Add(new(request, $"no letter with id '{ReturnReasons.Shown(given)}'"));
                continue;
            }

            var id = record.LetterId;
            if (!string.Equals(record.CampaignId, campaignId, StringComparison.Ordinal))
            {
                problems.Add(new(request, $"letter '{id}' belongs to campaign '{record.CampaignId}', not '{campaignId}'"));
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                problems.Add(new(request, first.Line is { } line
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"letter '{id}' is also on line {line}")
                    : $"letter '{id}' is given twice"));
                continue;
            }

            seen[id] = request;
            var status = statuses.GetValueOrDefault(id);
            if (status?.Timeline.Returned is not null)
            {
                problems.Add(new(request, $"letter '{id}' is already recorded as returned"));
                continue;
            }

            var batch = status?.Batch is { } name ? batches.GetValueOrDefault(name) : null;
            if (batch is null)
            {
                problems.Add(new(request, $"letter '{id}' was never printed: it is in no print batch"));
                continue;
            }

            if (!batch.IsPrinted && !batch.IsPosted)
            {
                problems.Add(new(request, $"letter '{id}' was never printed: its batch {batch.Batch} has no completed print job"));
                continue;
            }

            if (request.ReturnedOn > today)
            {
                problems.Add(new(request, $"returned date {AckDates.Iso(request.ReturnedOn)} is after today ({AckDates.Iso(today)})"));
                continue;
            }

            var (bound, what) = batch.PostedOn is { } posted
                ? (posted, "posted")
                : (DateOnly.FromDateTime((batch.PrintedAt ?? batch.SealedAt)!.Value.ToLocalTime().DateTime), "printed");
            if (request.ReturnedOn < bound)
            {
                problems.Add(new(request, $"returned date {AckDates.Iso(request.ReturnedOn)} is before letter '{id}' was {what} ({AckDates.Iso(bound)})"));
                continue;
            }

            accepted.Add(new RecordedReturn(campaignId, id, record.PatientId, request));
        }

        return (accepted, problems);
    }

    private Dictionary<string, LetterRow> LoadLetters(IReadOnlyList<ReturnRequest> requests)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var given = request.LetterId.Trim();
            ids.Add(given);
            ids.Add(given.ToUpperInvariant());
        }

        var letters = new Dictionary<string, LetterRow>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            foreach (var l in db.Letters.AsNoTracking().Where(l => chunk.Contains(l.LetterId)).Select(l => new LetterRow(l.LetterId, l.CampaignId, l.PatientId)))
            {
                letters[l.LetterId] = l;
            }
        }

        return letters;
    }

    private sealed record LetterRow(string LetterId, string CampaignId, string PatientId);
}
