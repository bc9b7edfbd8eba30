using System.Diagnostics;
using Notices.Approvals;
using Notices.Ledger;
using Notices.Letters;
using Notices.Letters.Templates;
using Notices.Model;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One <c>send</c> of a campaign: render each letter that is not yet delivered, hand it to its channel, and record
/// every step in the ledger. Letters an earlier run delivered are skipped, so sending twice delivers nothing twice;
/// letters rendered but not delivered (a killed run) are delivered from their PDF when its hash still matches.
/// One run per campaign holds <see cref="CampaignRunLock"/>; channels record their intent durably before every
/// hand-over, so a killed run is resumed without a silent duplicate (see <see cref="LetterWorkList"/>).
/// </summary>
public sealed class SendRun(NoticesDbContext db, ILetterPdfWriter pdfWriter, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<SendSummary> RunAsync(PlanReview review, SendOptions options, IProgress<SendProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var notice = review.Notice;
        using var runLock = CampaignRunLock.Acquire(db, notice.Id, "send");
        LedgerGate.EnsureIntact(db, "send");
        // Before anything is written: the package must be the approved one (or the override is recorded below).
        var (package, unapproved) = ApprovalGate.Check(db, notice, options.Approval, options.PackageSha256AtLoad, "send");
        var paths = new CampaignPaths(options.OutputDirectory, notice.Id);
        paths.Create();
        var letterDate = options.LetterDate ?? notice.Date ?? DateOnly.FromDateTime(_time.GetLocalNow().DateTime);

        using var ledger = new LedgerWriter(db, _time);
        var log = new LedgerDeliveryLog(ledger);
        if (!db.Campaigns.Any(c => c.CampaignId == notice.Id))
        {
            // The campaign's first ledger row is durable before its row in the store, so no campaign ever exists
            // with an empty ledger (verify treats that as a deleted history).
            ledger.AppendDurably(new LetterEvent(notice.Id, null, null, new CampaignOpened(notice.Reference, review.Plan.Letters.Count)));
        }

        var before = LetterStateProjector.Project(db, notice.Id);
        var states = before.Letters.ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var work = LetterWorkList.Build(db, review.Plan, states, _time.GetUtcNow(), options.ResendUncertain);
        var notMade = new System.Collections.Concurrent.ConcurrentQueue<(string LetterId, string Reason)>();
        // The override is recorded before the first letter row, and only by a run that records letters: a second send
        // of a finished campaign still writes nothing.
        if (unapproved is not null && work.ToDeliver.Count + work.Broken.Count + work.NewlyUnreachable.Count > 0)
        {
            ledger.AppendDurably(new LetterEvent(notice.Id, null, null, unapproved));
        }

        foreach (var letter in work.Broken)
        {
            const string reason = "the stored data of this letter cannot be read";
            ledger.Append(notice.Id, letter.LetterId, letter.Recipient.PatientId, new LetterFailed("snapshot", reason));
            notMade.Enqueue((letter.LetterId, reason));
        }

        foreach (var letter in work.NewlyUnreachable)
        {
            ledger.Append(notice.Id, letter.LetterId, letter.Recipient.PatientId, new Unreachable(letter.ChannelNote ?? "ingen adresse"));
        }

        var composer = new OriginalLetterComposer(new LetterComposer(notice, review.Templates), letterDate);
        var delivered = await new LetterDelivery(db, pdfWriter, _time).DeliverAsync(new DeliveryRequest
        {
            Notice = notice,
            Composer = composer,
            Work = work.ToDeliver,
            Paths = paths,
            Ledger = ledger,
            RenderWorkers = options.RenderWorkers,
            PrintBatchSize = options.PrintBatchSize,
            Smtp = options.Smtp,
            PackageSha256 = package.Sha256,
        }, progress, cancellationToken).ConfigureAwait(false);
        foreach (var failed in delivered.NotMade)
        {
            notMade.Enqueue(failed);
        }

        var after = LetterStateProjector.Project(db, notice.Id);
        var toDeliver = work.ToDeliver.Select(w => w.Letter.LetterId).ToHashSet(StringComparer.Ordinal);
        var thisRun = after.Letters.Where(l => toDeliver.Contains(l.LetterId)).ToList();
        return new SendSummary
        {
            CampaignId = notice.Id,
            Letters = review.Plan.Letters.Count,
            Rendered = delivered.Rendered,
            Emailed = after.Counts[LetterDeliveryState.Sent],
            Printed = after.Counts[LetterDeliveryState.Printed],
            Unreachable = after.Counts[LetterDeliveryState.Unreachable],
            Failed = after.Counts[LetterDeliveryState.Failed] + after.Counts[LetterDeliveryState.Pending],
            FailedToMake = notMade.Count,
            NotMade = [.. notMade.OrderBy(n => n.LetterId, StringComparer.Ordinal)],
            Uncertain = after.Counts[LetterDeliveryState.Uncertain],
            Resent = work.ToDeliver.Count(w => w.Resend),
            AlreadyDone = work.AlreadyDone,
            ReroutedAfterReturn = work.ReroutedAfterReturn.Count,
            Deferred = thisRun.Count(l => l.State == LetterDeliveryState.Pending && l.LastKind == LedgerEventKind.EmailDeferred),
            PrintedAfterEmailFailure = delivered.PrintedAfterEmailFailure,
            SmtpServerProblem = delivered.SmtpServerProblem,
            EmailDestination = options.Smtp is { } s ? "smtp://" + s.Server : Path.GetFullPath(paths.Email),
            Elapsed = stopwatch.Elapsed,
        };
    }
}
