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
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One <c>send</c> of a campaign: render each letter that is not yet delivered, hand it to its channel, and record
/// every step in the ledger. Letters an earlier run delivered are skipped, so sending twice delivers nothing twice;
/// letters rendered but not delivered (a killed run) are delivered from their PDF when its hash still matches.
/// </summary>
public sealed class SendRun(NoticesDbContext db, ILetterPdfWriter pdfWriter, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<SendSummary> RunAsync(PlanReview review, SendOptions options, IProgress<SendProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var notice = review.Notice;
        var paths = new CampaignPaths(options.OutputDirectory, notice.Id);
        paths.Create();
        var letterDate = options.LetterDate ?? notice.Date ?? DateOnly.FromDateTime(_time.GetLocalNow().DateTime);

        var before = LetterStateProjector.Project(db, notice.Id);
        var states = before.Letters.ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var work = LetterWorkList.Build(db, review.Plan, states, _time.GetUtcNow());

        using var ledger = new LedgerWriter(db, _time);
        var log = new LedgerDeliveryLog(ledger);
        foreach (var letter in work.NewlyUnreachable)
        {
            ledger.Append(notice.Id, letter.LetterId, letter.Recipient.PatientId, LedgerEventKind.Unreachable,
                new Dictionary<string, string> { ["reason"] = letter.ChannelNote ?? "ingen adresse" });
        }

        var composer = new LetterComposer(notice, review.Templates);
        // Declared print first so it is disposed last: the SMTP channel's print fallback feeds it until the end.
        await using var print = new PrintBatchChannel(new PrintBatchOptions { OutputDirectory = paths.Print, BatchSize = options.PrintBatchSize }, log);
        var pickup = EmailOptions(notice, paths);
        await using IDeliveryChannel email = options.Smtp is { } smtp
            ? new SmtpChannel(smtp, pickup.Identity, log, print, _time)
            : new EmailPickupChannel(pickup, log);
        var rendered = new List<(string LetterId, string Sha)>();
        var done = 0;
        progress?.Report(new SendProgress(0, work.ToDeliver.Count));

        await Parallel.ForEachAsync(work.ToDeliver,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.RenderWorkers), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var outgoing = Prepare(item, composer, letterDate, paths, ledger, notice);
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

        await email.CompleteAsync(cancellationToken).ConfigureAwait(false);
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
            Emailed = after.Letters.Count(l => l.State == LetterDeliveryState.Sent),
            Printed = after.Letters.Count(l => l.State == LetterDeliveryState.Printed),
            Unreachable = after.Letters.Count(l => l.State == LetterDeliveryState.Unreachable),
            Failed = after.Letters.Count(l => l.State is LetterDeliveryState.Failed or LetterDeliveryState.Pending),
            AlreadyDone = work.AlreadyDone,
            Deferred = thisRun.Count(l => l.State == LetterDeliveryState.Pending && l.LastEvent == nameof(LedgerEventKind.EmailDeferred)),
            PrintedAfterEmailFailure = PrintedAfterEmailFailure(db, notice.Id, thisRun),
            SmtpServerProblem = (email as SmtpChannel)?.ServerProblem,
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
            pages = item.KnownPages > 0 ? item.KnownPages : PdfSharp.Pdf.IO.PdfReader.Open(pdfPath, PdfSharp.Pdf.IO.PdfDocumentOpenMode.InformationOnly).PageCount;
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
            ledger.Append(notice.Id, letter.LetterId, letter.Recipient.PatientId, LedgerEventKind.LetterRendered,
                new Dictionary<string, string>
                {
                    ["sha256"] = sha,
                    ["pages"] = pages.ToString(CultureInfo.InvariantCulture),
                    ["file"] = Path.GetFileName(pdfPath),
                    ["large_print"] = letter.Recipient.LargePrint ? "true" : "false",
                    ["date"] = letterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                });
        }

        return OutgoingLetterBuilder.Build(notice.Id, letter, composed, pdfPath, sha, pages);
    }

    /// <summary>Letters of this run whose email failed permanently and that then went into a print batch.</summary>
    private static int PrintedAfterEmailFailure(NoticesDbContext db, string campaignId, List<LetterStatus> thisRun)
    {
        var failed = db.Ledger.Where(e => e.CampaignId == campaignId && e.Kind == nameof(LedgerEventKind.EmailFailed))
            .Select(e => e.LetterId).ToHashSet(StringComparer.Ordinal);
        return thisRun.Count(l => l.State == LetterDeliveryState.Printed && failed.Contains(l.LetterId));
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
            // Signed VERP; the key is NOTICES_VERP_KEY, else the store's own (made on first use).
            Verp = notice.BounceDomain is null ? null : VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db)),
            MessageIdDomain = notice.BounceDomain ?? address.Host,
        };
    }
}
