using System.Diagnostics;
using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
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

        var composer = new LetterComposer(notice, review.Templates);
        var printOptions = new PrintBatchOptions
        {
            OutputDirectory = paths.Print,
            CampaignId = notice.Id,
            BatchSize = options.PrintBatchSize,
            SealedBatches = SealedBatches.Read(db, notice.Id),
        };
        await using var print = new PrintBatchChannel(printOptions, log);
        var pickup = EmailOptions(notice, paths);
        await using IDeliveryChannel email = options.Smtp is { } smtp
            ? new SmtpChannel(smtp, pickup.Identity, log, _time)
            : new EmailPickupChannel(pickup, log);
        var rendered = new List<(string LetterId, string Sha)>();
        var done = 0;
        progress?.Report(new SendProgress(0, work.ToDeliver.Count));

        await Parallel.ForEachAsync(work.ToDeliver,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.RenderWorkers), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                OutgoingLetter outgoing;
                try
                {
                    outgoing = Prepare(item, composer, letterDate, paths, ledger, notice);
                }
                catch (Exception ex) when (LetterFault.IsLetterFault(ex))
                {
                    // One bad record fails its own letter, never the campaign.
                    var reason = LetterFault.Describe(ex);
                    ledger.Append(notice.Id, item.Letter.LetterId, item.Letter.Recipient.PatientId, new LetterFailed("render", reason));
                    notMade.Enqueue((item.Letter.LetterId, reason));
                    progress?.Report(new SendProgress(Interlocked.Increment(ref done), work.ToDeliver.Count));
                    return;
                }

                if (outgoing.PdfSha256 != item.KnownSha256)
                {
                    lock (rendered)
                    {
                        rendered.Add((outgoing.LetterId, outgoing.PdfSha256));
                    }
                }

                IDeliveryChannel channel = item.Letter.Channel == DeliveryChannelKind.Email ? email : print;
                await channel.DeliverAsync(outgoing, ct).ConfigureAwait(false);
                progress?.Report(new SendProgress(Interlocked.Increment(ref done), work.ToDeliver.Count));
            }).ConfigureAwait(false);

        var emailOutcome = await email.CompleteAsync(cancellationToken).ConfigureAwait(false);
        // Letters the email server refused for good go by post: the run owns both channels, so it re-routes them.
        foreach (var refused in emailOutcome.ForPost)
        {
            await print.DeliverAsync(refused, cancellationToken).ConfigureAwait(false);
        }

        await print.CompleteAsync(cancellationToken).ConfigureAwait(false);
        ledger.Flush();
        LetterWorkList.StorePdfHashes(db, rendered);

        var after = LetterStateProjector.Project(db, notice.Id);
        var toDeliver = work.ToDeliver.Select(w => w.Letter.LetterId).ToHashSet(StringComparer.Ordinal);
        var thisRun = after.Letters.Where(l => toDeliver.Contains(l.LetterId)).ToList();
        return new SendSummary
        {
            CampaignId = notice.Id,
            Letters = review.Plan.Letters.Count,
            Rendered = rendered.Count,
            Emailed = after.Counts[LetterDeliveryState.Sent],
            Printed = after.Counts[LetterDeliveryState.Printed],
            Unreachable = after.Counts[LetterDeliveryState.Unreachable],
            Failed = after.Counts[LetterDeliveryState.Failed] + after.Counts[LetterDeliveryState.Pending],
            FailedToMake = notMade.Count,
            NotMade = [.. notMade.OrderBy(n => n.LetterId, StringComparer.Ordinal)],
            Uncertain = after.Counts[LetterDeliveryState.Uncertain],
            Resent = work.ToDeliver.Count(w => w.Resend),
            AlreadyDone = work.AlreadyDone,
            Deferred = thisRun.Count(l => l.State == LetterDeliveryState.Pending && l.LastKind == LedgerEventKind.EmailDeferred),
            PrintedAfterEmailFailure = emailOutcome.ForPost.Count,
            SmtpServerProblem = emailOutcome.ServerProblem,
            EmailDestination = options.Smtp is { } s ? "smtp://" + s.Server : Path.GetFullPath(paths.Email),
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>Renders the letter (unless an earlier run left a PDF whose hash matches the ledger) and builds the outgoing letter.</summary>
    private OutgoingLetter Prepare(LetterWorkItem item, LetterComposer composer, DateOnly letterDate, CampaignPaths paths, LedgerWriter ledger, NoticePackage notice)
    {
        var letter = item.Letter;
        var composed = composer.Compose(letter, letterDate);
        var pdfPath = paths.LetterPdf(letter.LetterId);
        string sha;
        int pages;
        if (item.KnownSha256 is not null && File.Exists(pdfPath) && EmailReadiness.Sha256OfFile(pdfPath) == item.KnownSha256)
        {
            sha = item.KnownSha256;
            pages = item.KnownPages > 0 ? item.KnownPages : PdfSharp.Pdf.IO.PdfReader.Open(pdfPath, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import).PageCount;
        }
        else
        {
            using var buffer = new MemoryStream(128 * 1024);
            pages = pdfWriter.Write(composed.Document, buffer);
            sha = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
            var temp = pdfPath + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            File.Move(temp, pdfPath, overwrite: true);
            ledger.Append(notice.Id, letter.LetterId, letter.Recipient.PatientId, new LetterRendered(
                sha, pages, Path.GetFileName(pdfPath), letter.Recipient.LargePrint,
                letterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return OutgoingLetterBuilder.Build(notice.Id, letter, composed, pdfPath, sha, pages) with
        {
            MessageId = item.MessageId,
            ResumeIntent = item.ResumeIntent,
            Resend = item.Resend,
        };
    }

    private EmailPickupOptions EmailOptions(NoticePackage notice, CampaignPaths paths)
    {
        var from = notice.EmailFrom ?? notice.Sender.Email
            ?? throw new NoticePackageException([$"{Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName)}:1: email.from or sender.email is needed to send email."]);
        var address = new MailAddress(from);
        return new EmailPickupOptions
        {
            PickupDirectory = paths.Email,
            FromAddress = address.Address,
            FromDisplayName = string.IsNullOrEmpty(address.DisplayName) ? notice.Sender.Organisation : address.DisplayName,
            ReplyToAddress = notice.EmailReplyTo,
            BounceDomain = notice.BounceDomain,
            ReplyDomain = notice.ReplyDomain,
            // Signed VERP and Reply-To; the key is NOTICES_VERP_KEY, else the store's own (made on first use).
            Verp = notice.BounceDomain is null && notice.ReplyDomain is null ? null : VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db)),
            MessageIdDomain = notice.BounceDomain ?? address.Host,
        };
    }
}
