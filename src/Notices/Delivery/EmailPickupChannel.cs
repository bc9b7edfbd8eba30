using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using Notices.Campaigns;
using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>
/// Email through a pickup directory: System.Net.Mail writes each message as an .eml file, which an MTA (or a person)
/// picks up. Each worker owns one <see cref="SmtpClient"/> (they allow one operation at a time) writing into a private
/// temp directory under <c>.tmp/</c>; the finished file is fsynced and renamed to <c>{letter-id}.eml</c>, so the pickup
/// directory only ever shows complete files, and a re-run overwrites rather than duplicates a letter's file.
/// <para>
/// Outcomes: <c>EmailWritten</c> (detail message_id, file, pdf_sha256) once the file is in place, or <c>EmailFailed</c>
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

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
        if (EmailReadiness.Problem(letter, out var sha) is { } problem)
        {
            Fail(letter, problem);
            return;
        }

        string messageId;
        try
        {
            worker.ClearTemp();
            using var pdf = File.OpenRead(letter.PdfPath);
            messageId = _factory.NewMessageId(letter.LetterId);
            using var message = _factory.Create(letter, pdf, messageId, requestDsn: false);
            worker.Client.Send(message);
        }
        catch (FormatException)
        {
            // The message text can quote the address; keep the reason generic.
            Fail(letter, "invalid email address");
            return;
        }
        catch (Exception ex) when (ex is SmtpException or IOException or UnauthorizedAccessException)
        {
            Fail(letter, "could not write the message: " + ex.GetType().Name);
            return;
        }

        var fileName = FileNameFor(letter.LetterId);
        try
        {
            var written = worker.TakeWrittenFile();
            using (var stream = new FileStream(written, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(written, Path.Combine(_pickupDirectory, fileName), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Fail(letter, "could not place the message in the pickup directory: " + ex.GetType().Name);
            return;
        }

        _log.Record(new DeliveryEvent(letter.CampaignId, letter.LetterId, letter.PatientId, LedgerEventKind.EmailWritten,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["message_id"] = messageId,
                ["file"] = fileName,
                ["pdf_sha256"] = sha,
            }));
    }

    private void Fail(OutgoingLetter letter, string reason) =>
        _log.Record(new DeliveryEvent(letter.CampaignId, letter.LetterId, letter.PatientId, LedgerEventKind.EmailFailed,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason }));

    private PickupWorker NewWorker()
    {
        var dir = Path.Combine(_tempRoot, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        var worker = new PickupWorker(dir);
        _all.Add(worker);
        return worker;
    }
}
