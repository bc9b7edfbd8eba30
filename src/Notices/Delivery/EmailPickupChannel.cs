using System.Globalization;
using Notices.Campaigns;
using Notices.Delivery.Mime;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>
/// Email through a pickup directory: each message is written as an .eml file (by <see cref="MimeMessage"/>, the same
/// bytes SMTP DATA carries, so no envelope: the VERP sender exists only as MAIL FROM), which an MTA (or a person) picks
/// up. Up to <see cref="EmailPickupOptions.Workers"/> messages are written at once, each to its own temp file under
/// <c>.tmp/</c>; the finished file is fsynced and staged as <c>.tmp/{letter-id}.eml</c>. Then the
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
    private readonly EmailAddressing _addressing;
    private readonly string _pickupDirectory;
    private readonly string _tempRoot;
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;

    public EmailPickupChannel(EmailPickupOptions options, IDeliveryLog log, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        _addressing = new EmailAddressing(options.Identity);
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
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await DeliverOneAsync(letter, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task<ChannelCompletion> CompleteAsync(CancellationToken cancellationToken) => Task.FromResult(ChannelCompletion.Done);

    public ValueTask DisposeAsync()
    {
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

    private async Task DeliverOneAsync(OutgoingLetter letter, CancellationToken cancellationToken)
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

        var messageId = letter.MessageId ?? _addressing.NewMessageId(letter.LetterId);
        // Unique per attempt, so two writers of one letter never share a half-written file.
        var partial = Path.Combine(_tempRoot, fileName + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".part");
        try
        {
            using (var email = LetterEmail.Create(_addressing.Content(letter, messageId, _time.GetLocalNow())))
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024, useAsync: false))
            {
                email.WriteTo(stream, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(partial, staged, overwrite: true);
        }
        catch (FormatException)
        {
            // The message text can quote the address; keep the reason generic.
            DeleteQuietly(partial);
            Fail(letter, "invalid email address", null);
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(partial);
            Fail(letter, "could not write the message: " + ex.GetType().Name, null);
            return;
        }
        catch (OperationCanceledException)
        {
            DeleteQuietly(partial);
            throw;
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

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover .part file is never picked up (only *.eml is) and holds no delivered mail.
        }
    }
}
