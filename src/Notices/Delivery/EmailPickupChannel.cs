using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using Notices.Campaigns;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>
/// Email through a pickup directory: System.Net.Mail writes each message as an .eml file, which an MTA (or a person)
/// picks up. Each worker owns one <see cref="SmtpClient"/> (they allow one operation at a time) writing into a private
/// temp directory under <c>.tmp/</c>; the finished file is fsynced and staged as <c>.tmp/{letter-id}.eml</c>. Then the
/// intent (<c>EmailSending</c> with the Message-ID) is made durable, and only then is the file renamed into the pickup
/// directory: the hand-over. A run killed between the two completes the rename on resume, with the same Message-ID,
/// so an MTA collecting the directory never sees one letter twice.
/// <para>
/// Outcomes: <c>EmailWritten</c> (message_id, file, pdf_sha256) once the file is in place, or <c>EmailFailed</c>
/// with a reason (no or invalid address, missing or changed PDF, write error). Failures are recorded, not thrown;
/// only cancellation throws.
/// </para>
/// </summary>
public sealed class EmailPickupChannel : IDeliveryChannel
{
    private readonly EmailPickupOptions _options;
    private readonly IDeliveryLog _log;
    private readonly EmailMessageFactory _factory;
    private readonly string _pickupDirectory;
    private readonly string _tempRoot;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<PickupWorker> _idle = [];
    private readonly ConcurrentBag<PickupWorker> _all = [];

    public EmailPickupChannel(EmailPickupOptions options, IDeliveryLog log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        _factory = new EmailMessageFactory(options.Identity);
        _pickupDirectory = Path.GetFullPath(options.PickupDirectory);
        _tempRoot = Path.Combine(_pickupDirectory, ".tmp");
        Directory.CreateDirectory(_tempRoot);
        _slots = new SemaphoreSlim(options.Workers, options.Workers);
    }

    public DeliveryChannelKind Kind => DeliveryChannelKind.Email;

    public string PickupDirectory => _pickupDirectory;

    /// <summary>The file name a letter's message gets in the pickup directory.</summary>
    public static string FileNameFor(string letterId) => HeaderText.Token(letterId) + ".eml";

    public async Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var worker = _idle.TryTake(out var idle) ? idle : NewWorker();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Deliver(worker, letter);
        }
        finally
        {
            _idle.Add(worker);
            _slots.Release();
        }
    }

    public Task<ChannelCompletion> CompleteAsync(CancellationToken cancellationToken) => Task.FromResult(ChannelCompletion.Done);

    public ValueTask DisposeAsync()
    {
        foreach (var worker in _all)
        {
            worker.Dispose();
        }

        try
        {
            if (Directory.Exists(_tempRoot) && !Directory.EnumerateFileSystemEntries(_tempRoot).Any())
            {
                Directory.Delete(_tempRoot);
            }
        }
        catch (IOException)
        {
            // Another channel on the same directory is still using it.
        }

        _slots.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Deliver(PickupWorker worker, OutgoingLetter letter)
    {
        var fileName = FileNameFor(letter.LetterId);
        var staged = Path.Combine(_tempRoot, fileName);
        if (letter.ResumeIntent && letter.MessageId is { } recorded)
        {
            // An earlier run recorded the intent and stopped. The staged file was complete before the intent, and the
            // rename is atomic: either the rename is still to do, or the file went into the pickup directory (and may
            // have been collected since). Either way the message is handed over exactly once.
            try
            {
                if (File.Exists(staged))
                {
                    File.Move(staged, Path.Combine(_pickupDirectory, fileName), overwrite: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(letter, "could not place the message in the pickup directory: " + ex.GetType().Name, recorded);
                return;
            }

            Written(letter, recorded, fileName, letter.PdfSha256, recovered: true);
            return;
        }

        if (EmailReadiness.Problem(letter, out var sha) is { } problem)
        {
            Fail(letter, problem, null);
            return;
        }

        var messageId = letter.MessageId ?? _factory.NewMessageId(letter.LetterId);
        try
        {
            worker.ClearTemp();
            using (var pdf = File.OpenRead(letter.PdfPath))
            using (var message = _factory.Create(letter, pdf, messageId, requestDsn: false))
            {
                worker.Client.Send(message);
            }

            var written = worker.TakeWrittenFile();
            using (var stream = new FileStream(written, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(written, staged, overwrite: true);
        }
        catch (FormatException)
        {
            // The message text can quote the address; keep the reason generic.
            Fail(letter, "invalid email address", null);
            return;
        }
        catch (Exception ex) when (ex is SmtpException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fail(letter, "could not write the message: " + ex.GetType().Name, null);
            return;
        }

        _log.RecordIntent([new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId,
            new EmailSending(messageId, EmailTransport.Pickup, sha, Resend: letter.Resend))]);
        try
        {
            File.Move(staged, Path.Combine(_pickupDirectory, fileName), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(letter, "could not place the message in the pickup directory: " + ex.GetType().Name, messageId);
            return;
        }

        Written(letter, messageId, fileName, sha, recovered: false);
    }

    private void Written(OutgoingLetter letter, string messageId, string fileName, string sha, bool recovered) =>
        _log.Record(new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId,
            new EmailWritten(messageId, fileName, sha, recovered)));

    private void Fail(OutgoingLetter letter, string reason, string? messageId) =>
        _log.Record(new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId,
            new EmailFailed(reason, MessageId: messageId)));

    private PickupWorker NewWorker()
    {
        var dir = Path.Combine(_tempRoot, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        var worker = new PickupWorker(dir);
        _all.Add(worker);
        return worker;
    }
}
