using System.Diagnostics;
using Notices.Approvals;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Letters;
using Notices.Letters.Templates;
using Notices.Model;
using Notices.Reminders;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One <c>remind</c> round of a campaign, with the crash safety of <see cref="SendRun"/>: under the campaign's run lock
/// and on a verified ledger, it first finishes the reminders an earlier run planned and did not deliver, then decides who
/// is due (<see cref="ReminderDueRule"/>), commits every new <see cref="ReminderPlanned"/> in one durable batch before it
/// stores the reminders' letter rows (a row lost to a kill in between is made again from the ledger), and delivers them
/// through <see cref="LetterDelivery"/> like any letter.
/// </summary>
public sealed class RemindRun(NoticesDbContext db, ILetterPdfWriter pdfWriter, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<RemindSummary> RunAsync(NoticePackage notice, NoticeTemplates templates, RemindOptions options,
        IProgress<SendProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        using var runLock = CampaignRunLock.Acquire(db, notice.Id, "remind");
        LedgerGate.EnsureIntact(db, "remind");
        // Before anything is written: the package must be the approved one (or the override is recorded below).
        var (package, unapproved) = ApprovalGate.Check(db, notice, options.Approval, options.PackageSha256AtLoad, "remind");
        var paths = new CampaignPaths(options.OutputDirectory, notice.Id);
        paths.Create();
        using var ledger = new LedgerWriter(db, _time);

        // A stopped run may have committed its ReminderPlanned events and not stored their rows: make them first.
        RestoreRows(notice.Id);
        var before = LetterStateProjector.Project(db, notice.Id);
        // exclude_patients_file removes patients from every round, also those listed after their letter went out.
        var excludedList = notice.Exclusions.Patients;
        var allFacts = ReminderHistory.Read(db, before);
        var facts = allFacts.Where(f => f.Original.PatientId is not { } id || excludedList?.LineOf(id) is null).ToList();
        var decisions = facts.Select(f => ReminderDueRule.Decide(f, options.AsOf, options.AfterDays)).ToList();
        var due = decisions.Where(d => d.Verdict == ReminderVerdict.Due).ToList();
        var resumed = before.Reminders.Count(ReminderDueRule.IsUnfinished);

        // The override is recorded before the first reminder row, and only by a round that makes or finishes reminders.
        if (unapproved is not null && due.Count + resumed > 0)
        {
            ledger.AppendDurably(new LetterEvent(notice.Id, null, null, unapproved));
        }

        // Durable intent first: the ledger says which reminders this round makes before any row or file exists.
        if (due.Count > 0)
        {
            var patientOf = before.Letters.ToDictionary(l => l.LetterId, l => l.PatientId, StringComparer.Ordinal);
            ledger.AppendDurably([.. due.Select(d => new LetterEvent(notice.Id, d.ReminderId, patientOf[d.OriginalLetterId],
                new ReminderPlanned(d.OriginalLetterId, d.Number, d.Channel, options.AsOf, d.SwitchedChannel ? SwitchNote(d.Channel) : null)))]);
            RestoreRows(notice.Id);
        }

        var planned = LetterStateProjector.Project(db, notice.Id);
        var firstDates = facts.ToDictionary(f => f.Original.LetterId, f => f.LetterDate, StringComparer.Ordinal);
        var asOfs = ReadPlanned(notice.Id).ToDictionary(p => p.LetterId, p => p.Event, StringComparer.Ordinal);
        var records = db.Letters.AsNoTracking().Where(l => l.CampaignId == notice.Id && l.ReminderOf != null)
            .ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var work = new LetterWorkList();
        var notDelivered = new List<(string LetterId, string Reason)>();
        var texts = new Dictionary<string, (DateOnly, ReminderText)>(StringComparer.Ordinal);
        foreach (var reminder in planned.Reminders.Where(ReminderDueRule.IsUnfinished))
        {
            if (!records.TryGetValue(reminder.LetterId, out var record) || LetterSnapshot.TryFromJson(record.SnapshotJson) is not { } letter
                || !asOfs.TryGetValue(reminder.LetterId, out var plan))
            {
                const string reason = "the stored data of this reminder cannot be read";
                ledger.Append(notice.Id, reminder.LetterId, reminder.PatientId, new LetterFailed("snapshot", reason));
                notDelivered.Add((reminder.LetterId, reason));
                continue;
            }

            var first = firstDates.GetValueOrDefault(plan.OriginalLetterId) ?? plan.AsOf;
            texts[reminder.LetterId] = (plan.AsOf, new ReminderText(plan.Number, first));
            work.Add(letter, reminder, options.ResendUncertain);
        }

        var delivered = await new LetterDelivery(db, pdfWriter, _time).DeliverAsync(new DeliveryRequest
        {
            Notice = notice,
            Composer = new ReminderLetterComposer(new LetterComposer(notice, templates), texts),
            Work = work.ToDeliver,
            Paths = paths,
            Ledger = ledger,
            RenderWorkers = options.RenderWorkers,
            PrintBatchSize = options.PrintBatchSize,
            Smtp = options.Smtp,
            PackageSha256 = package.Sha256,
        }, progress, cancellationToken).ConfigureAwait(false);
        ledger.Flush();

        var after = LetterStateProjector.Project(db, notice.Id);
        var thisRun = work.ToDeliver.Select(w => w.Letter.LetterId).Concat(work.UncertainHeld).ToHashSet(StringComparer.Ordinal);
        var ran = after.Reminders.Where(r => thisRun.Contains(r.LetterId)).ToList();
        notDelivered.AddRange(ran.Where(r => r.State is not (LetterDeliveryState.Sent or LetterDeliveryState.Printed or LetterDeliveryState.Acknowledged))
            .Select(r => (r.LetterId, Describe(r))));
        return new RemindSummary
        {
            CampaignId = notice.Id,
            AsOf = options.AsOf,
            AfterDays = options.AfterDays,
            Letters = before.Letters.Count,
            Due = due.Count,
            Resumed = resumed,
            RemindedByEmail = ran.Count(r => r.State == LetterDeliveryState.Sent),
            RemindedByPost = ran.Count(r => r.State == LetterDeliveryState.Printed),
            SwitchedChannel = due.Count(d => d.SwitchedChannel),
            Acknowledged = decisions.Count(d => d.Verdict == ReminderVerdict.Acknowledged),
            NotYetDue = decisions.Count(d => d.Verdict == ReminderVerdict.NotYet),
            Excluded = allFacts.Count - facts.Count,
            ExcludedList = excludedList?.Name,
            NotReached = decisions.Count(d => d.Verdict == ReminderVerdict.NotReached),
            CannotRemind = [.. decisions.Where(d => d.Verdict == ReminderVerdict.CannotRemind).Select(d => (d.OriginalLetterId, d.Reason ?? ""))],
            NotDelivered = [.. notDelivered.OrderBy(n => n.LetterId, StringComparer.Ordinal)],
            Rendered = delivered.Rendered,
            EmailDestination = options.Smtp is { } s ? "smtp://" + s.Server : Path.GetFullPath(paths.Email),
            SmtpServerProblem = delivered.SmtpServerProblem,
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>Stores a letter row for every planned reminder that has none: the original's snapshot with the reminder's
    /// id and channel (and, by email, the address the patient consented to).</summary>
    private void RestoreRows(string campaignId)
    {
        var plannedReminders = ReadPlanned(campaignId);
        if (plannedReminders.Count == 0)
        {
            return;
        }

        var records = db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId).ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var missing = plannedReminders.Where(p => !records.ContainsKey(p.LetterId)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // The patients of every missing row in one query, not one per reminder.
        var patientIds = missing.Select(m => records.GetValueOrDefault(m.Event.OriginalLetterId)?.PatientId).OfType<string>().Distinct().ToList();
        var patients = db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.PatientId)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var added = false;
        foreach (var (reminderId, ev) in missing)
        {
            if (!records.TryGetValue(ev.OriginalLetterId, out var original) || LetterSnapshot.TryFromJson(original.SnapshotJson) is not { } snapshot)
            {
                continue; // the reminder then fails on its own when the run finds no readable row
            }

            var patient = patients.GetValueOrDefault(original.PatientId);
            var letter = snapshot with
            {
                LetterId = reminderId,
                Channel = ev.Channel,
                ChannelNote = ev.ChannelNote,
                Recipient = snapshot.Recipient with
                {
                    Email = ev.Channel == DeliveryChannelKind.Email ? ReminderHistory.UsableEmail(snapshot, patient) : snapshot.Recipient.Email,
                },
            };
            db.Letters.Add(new LetterRecord
            {
                LetterId = reminderId,
                CampaignId = campaignId,
                PatientId = original.PatientId,
                Sequence = original.Sequence,
                Channel = ev.Channel.ToString(),
                SnapshotJson = LetterSnapshot.ToJson(letter),
                CreatedAt = now,
                ReminderOf = ev.OriginalLetterId,
            });
            added = true;
        }

        if (added)
        {
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
    }

    private List<(string LetterId, ReminderPlanned Event)> ReadPlanned(string campaignId) =>
        [.. db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId != null && e.Kind == LedgerEventKind.ReminderPlanned)
            .OrderBy(e => e.Seq)
            .AsEnumerable()
            .Select(e => (e.LetterId!, (ReminderPlanned)e.ReadEvent()))];

    private static string SwitchNote(DeliveryChannelKind channel) => channel == DeliveryChannelKind.Post
        ? "e-mailen kom ikke frem – påmindelsen sendes med post"
        : "brevet kom retur – påmindelsen sendes på e-mail";

    private static string Describe(LetterStatus reminder) => reminder.State switch
    {
        LetterDeliveryState.Uncertain => "uncertain: handed to the SMTP server, outcome unknown (run 'notices dsn import', or remind --resend-uncertain)",
        LetterDeliveryState.Pending => "pending: the email server did not take it yet; run remind again",
        _ => string.IsNullOrEmpty(reminder.Detail) ? reminder.State.ToString() : reminder.Detail,
    };
}
