using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Letters;
using Notices.Model;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// The delivery half of a run, shared by <c>send</c> and <c>remind</c>: render each work item (or reuse the PDF an
/// earlier run left when its hash matches the ledger), hand it to its channel (email by SMTP or pickup, else a print
/// batch), and record every step. Channels record their intent durably before each hand-over; a letter that cannot be
/// made fails on its own (<see cref="LetterFailed"/>); letters the email server refuses for good go by post. The caller
/// holds the campaign's run lock and has checked the ledger. The run owns the DKIM signer it makes
/// (<paramref name="dkimSigner"/>, by default <see cref="DkimKey.SignerFor"/>) and disposes it when its channels are done.
/// </summary>
public sealed class LetterDelivery(
    NoticesDbContext db, ILetterPdfWriter pdfWriter, TimeProvider? timeProvider = null, Func<NoticePackage, Delivery.Mime.DkimSigner?>? dkimSigner = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Func<NoticePackage, Delivery.Mime.DkimSigner?> _dkimSigner = dkimSigner ?? (notice => DkimKey.SignerFor(notice));

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, IProgress<SendProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notice = request.Notice;
        var ledger = request.Ledger;
        var paths = request.Paths;
        var work = request.Work;
        var log = new LedgerDeliveryLog(ledger);
        var notMade = new ConcurrentQueue<(string LetterId, string Reason)>();
        // Declared before the channels, so it is disposed after them: they sign until they are done.
        using var dkim = _dkimSigner(notice);
        var printOptions = new PrintBatchOptions
        {
            OutputDirectory = paths.Print,
            CampaignId = notice.Id,
            BatchSize = request.PrintBatchSize,
            SealedBatches = SealedBatches.Read(db, notice.Id),
            Envelope = notice.Envelope,
        };
        await using var print = new PrintBatchChannel(printOptions, log);
        var pickup = EmailOptions(notice, paths, dkim);
        await using IDeliveryChannel email = request.Smtp is { } smtp
            ? new SmtpChannel(smtp, pickup.Identity, log, _time)
            : new EmailPickupChannel(pickup, log);
        var rendered = new List<(string LetterId, string Sha)>();
        var done = 0;
        progress?.Report(new SendProgress(0, work.Count));

        await Parallel.ForEachAsync(work,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.RenderWorkers), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                OutgoingLetter outgoing;
                try
                {
                    outgoing = Prepare(item, request.Composer, paths, ledger, notice, request.PackageSha256);
                }
                catch (Exception ex) when (LetterFault.IsLetterFault(ex))
                {
                    // One bad record fails its own letter, never the campaign.
                    var reason = LetterFault.Describe(ex);
                    ledger.Append(notice.Id, item.Letter.LetterId, item.Letter.Recipient.PatientId, new LetterFailed("render", reason));
                    notMade.Enqueue((item.Letter.LetterId, reason));
                    progress?.Report(new SendProgress(Interlocked.Increment(ref done), work.Count));
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
                progress?.Report(new SendProgress(Interlocked.Increment(ref done), work.Count));
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
        return new DeliveryOutcome(rendered.Count, [.. notMade], emailOutcome.ForPost.Count, emailOutcome.ServerProblem);
    }

    /// <summary>Renders the letter (unless an earlier run left a PDF whose hash matches the ledger) and builds the outgoing letter.</summary>
    private OutgoingLetter Prepare(LetterWorkItem item, IDeliveryComposer composer, CampaignPaths paths, LedgerWriter ledger, NoticePackage notice, string? packageSha256)
    {
        var letter = item.Letter;
        var letterDate = composer.DateOf(letter);
        var composed = composer.Compose(letter);
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
                letterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), packageSha256));
        }

        return OutgoingLetterBuilder.Build(notice.Id, letter, composed, pdfPath, sha, pages) with
        {
            MessageId = item.MessageId,
            ResumeIntent = item.ResumeIntent,
            Resend = item.Resend,
            // A letter that came back from its postal address never falls back to that address.
            HasPostalAddress = !item.AddressReturnedMail && letter.Recipient.HasPostalAddress,
        };
    }

    private EmailPickupOptions EmailOptions(NoticePackage notice, CampaignPaths paths, Delivery.Mime.DkimSigner? dkim)
    {
        var sender = SenderMailbox.Of(notice);
        return new EmailPickupOptions
        {
            PickupDirectory = paths.Email,
            FromAddress = sender.Address,
            FromDisplayName = sender.DisplayName,
            ReplyToAddress = notice.EmailReplyTo,
            BounceDomain = notice.BounceDomain,
            ReplyDomain = notice.ReplyDomain,
            // Signed VERP and Reply-To; the key is NOTICES_VERP_KEY, else the store's own (made on first use).
            Verp = notice.BounceDomain is null && notice.ReplyDomain is null ? null : VerpSigner.FromEnvironmentOr(() => StoreSecrets.VerpKey(db)),
            MessageIdDomain = notice.BounceDomain ?? sender.Domain,
            Dkim = dkim,
        };
    }
}
