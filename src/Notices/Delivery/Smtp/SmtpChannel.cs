using Notices.Delivery.Mime;
using System.Globalization;
using System.Threading.Channels;
using Notices.Campaigns;
using System.Collections.Concurrent;
using Notices.Delivery.Smtp.Transport;
using Notices.Model;
using Polly;
using Polly.Retry;

namespace Notices.Delivery.Smtp;

/// <summary>
/// Email through an SMTP server. <see cref="DeliverAsync"/> only queues the letter (bounded, so rendering cannot run
/// far ahead); <see cref="SmtpSettings.Connections"/> worker threads each own one <see cref="SmtpTransport"/> (one
/// operation at a time) with a reused connection, and all share one <see cref="SendPacer"/>.
/// <para>
/// Outcomes per letter, all in the ledger:
/// <list type="bullet">
/// <item><c>EmailAccepted</c> (message_id, pdf_sha256, server, attempts, reply): the server said 250 after DATA; reply
/// is its text with the queue id, addresses redacted.</item>
/// <item><c>EmailFailed</c> (status, reason): a permanent 5xx. With the print fallback the letter then goes to the
/// print channel, which records <c>PrintBatched</c> when its batch is written.</item>
/// <item><c>EmailDeferred</c> (status, reason): temporary failures outlasted the retries, or the server was found
/// unavailable earlier in the run. The letter stays pending, so the next <c>send</c> picks it up.</item>
/// <item>No outcome: the connection was lost or timed out after the final dot, before the reply
/// (<see cref="SmtpFailureKind.Cut"/>). The server may have it, so the letter stays uncertain and is not retried.</item>
/// </list>
/// A failure that concerns the server (<see cref="SmtpFailure.ConcernsServer"/>: connection refused, 421, TLS, AUTH) marks it unavailable for the rest of the run (<see cref="ServerProblem"/>): later letters are
/// deferred at once instead of each waiting through its retries. A 4xx to one letter (a greylisted RCPT) does not.
/// </para>
/// </summary>
public sealed class SmtpChannel : IDeliveryChannel
{
    private readonly SmtpSettings _settings;
    private readonly IDeliveryLog _log;
    private readonly ConcurrentQueue<OutgoingLetter> _refused = new();
    private readonly EmailAddressing _addressing;
    private readonly TimeProvider _time;
    private readonly EmailIdentity _identity;
    private readonly SendPacer _pacer;
    private readonly ResiliencePipeline _retry;
    private readonly Channel<OutgoingLetter> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private volatile string? _serverProblem;
    private Exception? _unexpected;

    public SmtpChannel(SmtpSettings settings, EmailIdentity identity, IDeliveryLog log, TimeProvider? time = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxAttempts, 1);
        _identity = identity;
        _addressing = new EmailAddressing(identity);
        _time = time ?? TimeProvider.System;
        _pacer = new SendPacer(settings.MaxMessagesPerSecond, time);
        _retry = BuildRetry(settings, time);
        _queue = Channel.CreateBounded<OutgoingLetter>(new BoundedChannelOptions(settings.Connections * 2)
        {
            SingleWriter = false,
            SingleReader = false,
        });
        _workers = Enumerable.Range(0, settings.Connections)
            .Select(_ => Task.Factory.StartNew(WorkerLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
    }

    public DeliveryChannelKind Kind => DeliveryChannelKind.Email;

    /// <summary>Why the server was given up on in this run (null while it works).</summary>
    public string? ServerProblem => _serverProblem;

    public async Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _queue.Writer.WriteAsync(letter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every queued letter has an outcome. Reports why the server was given up on, if it was, and the
    /// letters the server refused for good that may go by post instead (the run that owns the channels re-routes them).
    /// </summary>
    public async Task<ChannelCompletion> CompleteAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
        var problem = _serverProblem ?? (_unexpected is { } ex ? "unexpected error: " + ex.GetType().Name : null);
        return new ChannelCompletion(problem) { ForPost = [.. _refused] };
    }

    /// <summary>Stops the workers; letters still queued get no outcome and stay pending.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected when stopped mid-run.
        }

        _stop.Dispose();
    }

    private void WorkerLoop()
    {
        using var connection = new SmtpConnection(_settings);
        var reader = _queue.Reader;
        // The next letter, whose intent is committed while the server answers the previous message's final dot.
        // Its intent still precedes its own first byte; only the wait for the 250 overlaps the fsync.
        (OutgoingLetter Letter, Task<string?> Intent)? ahead = null;
        void ReadAhead()
        {
            if (ahead is null && !_stop.IsCancellationRequested && reader.TryRead(out var next))
            {
                ahead = (next, Task.Run(() => Prepare(next)));
            }
        }

        try
        {
            while (!_stop.IsCancellationRequested)
            {
                OutgoingLetter letter;
                Task<string?>? intent = null;
                if (ahead is { } a)
                {
                    (letter, intent) = (a.Letter, a.Intent);
                    ahead = null;
                }
                else if (!reader.TryRead(out letter!) && !TryReadBlocking(reader, out letter!))
                {
                    break;
                }

                try
                {
                    var messageId = intent is null ? Prepare(letter) : intent.GetAwaiter().GetResult();
                    if (messageId is not null)
                    {
                        Send(connection, letter, messageId, ReadAhead);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep draining the queue (writers wait on it); the letter stays pending and the run reports it.
                    Record(letter, new EmailDeferred("unexpected error: " + ex.GetType().Name));
                    Interlocked.CompareExchange(ref _unexpected, ex, null);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed mid-run.
        }
        finally
        {
            // Stopped with the next letter's intent in flight: let it finish before the ledger closes. Nothing of that
            // letter reached the server, so say so rather than leave it uncertain.
            if (ahead is { } left)
            {
                left.Intent.ContinueWith(static _ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
                if (left.Intent.IsCompletedSuccessfully && left.Intent.Result is { } messageId)
                {
                    Record(left.Letter, new EmailDeferred("stopped before sending", Attempts: 0, MessageId: messageId));
                }
            }
        }
    }

    /// <summary>
    /// Waits for the next letter; false once the queue is completed and empty. ReadAsync hands each letter to exactly one
    /// waiting worker: WaitToReadAsync would wake every idle worker for each letter (while rendering is the slower side,
    /// all of them wait), and the losers would only go back to sleep, costing CPU the renderer needs.
    /// </summary>
    private bool TryReadBlocking(ChannelReader<OutgoingLetter> reader, out OutgoingLetter letter)
    {
        try
        {
            letter = reader.ReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (ChannelClosedException)
        {
            letter = null!;
            return false;
        }
    }

    /// <summary>Records the letter's outcome when it cannot be sent; otherwise commits its intent and returns the Message-ID.</summary>
    private string? Prepare(OutgoingLetter letter)
    {
        if (_serverProblem is { } problem)
        {
            Record(letter, new EmailDeferred("server unavailable earlier in this run: " + problem, Attempts: 0));
            return null;
        }

        if (EmailReadiness.Problem(letter, out var sha) is { } pdfProblem)
        {
            Record(letter, new EmailFailed(pdfProblem, MessageId: letter.MessageId));
            return null;
        }

        // Intent before effect: the Message-ID is durable before the server sees it. If the run dies before the
        // outcome is recorded, the letter is uncertain and only ever re-sent with this same Message-ID.
        var messageId = letter.MessageId ?? _addressing.NewMessageId(letter.LetterId);
        _log.RecordIntent([new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId,
            new EmailSending(messageId, EmailTransport.Smtp, sha, Resend: letter.Resend || letter.ResumeIntent))]);
        return messageId;
    }

    private void Send(SmtpConnection connection, OutgoingLetter letter, string messageId, Action afterLastByte)
    {
        if (_serverProblem is { } problem)
        {
            // The previous letter found the server gone after this one's intent: not sent, so only deferred.
            Record(letter, new EmailDeferred("server unavailable earlier in this run: " + problem, Attempts: 0, MessageId: messageId));
            return;
        }

        var attempts = 0;
        SmtpReply reply;
        try
        {
            reply = _retry.Execute(
                token =>
                {
                    attempts++;
                    _pacer.Wait(token);
                    return SendOnce(connection, letter, messageId, afterLastByte, token);
                },
                _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // The PDF vanished after the readiness check: this letter's problem, as if the check had seen it.
            Record(letter, new EmailFailed("letter PDF not found", MessageId: messageId, Attempts: attempts));
            return;
        }
        catch (AttachmentChangedException)
        {
            // Changed after its hash was recorded: the message was abandoned before its end, so nothing went out. The
            // letter stays pending; the next send checks the PDF against its hash again.
            Record(letter, new EmailDeferred("the letter PDF changed while it was sent", Attempts: attempts, MessageId: messageId));
            return;
        }
        catch (FormatException)
        {
            // The exception text can quote the address; keep the reason generic.
            FailPermanently(letter, new SmtpFailure(SmtpFailureKind.Permanent, "", "invalid email address"), messageId, attempts);
            return;
        }
        catch (SmtpTransportException ex)
        {
            var failure = SmtpFailure.Classify(ex);
            if (failure.Kind == SmtpFailureKind.Cut)
            {
                // No outcome on purpose: the intent alone makes the letter uncertain, never re-sent without the user.
                return;
            }

            if (failure.Kind == SmtpFailureKind.Permanent)
            {
                FailPermanently(letter, failure, messageId, attempts);
                return;
            }

            // A 4xx reply (greylisted, mailbox busy) concerns this letter only; the connection, 421, TLS or AUTH the server.
            if (failure.ConcernsServer)
            {
                _serverProblem ??= Describe(failure);
            }

            Record(letter, new EmailDeferred(failure.Reason, Blank(failure.Status), attempts, messageId));
            return;
        }

        Record(letter, new EmailAccepted(messageId, letter.PdfSha256, _settings.Server.ToString(), attempts, AddressRedactor.Redact(reply.OneLine)));
    }

    private SmtpReply SendOnce(SmtpConnection connection, OutgoingLetter letter, string messageId, Action afterLastByte, CancellationToken token)
    {
        // The same builder as the pickup channel, so an .eml is byte for byte what goes out here. The VERP address is
        // the envelope sender only: Postfix writes it as Return-Path, and no Sender: header says "on behalf of".
        var content = _addressing.Content(letter, messageId, _time.GetLocalNow());
        using var email = LetterEmail.Create(content);
        var envelope = new SmtpEnvelope(_addressing.VerpAddressFor(letter) ?? _identity.FromAddress, [content.To.Address])
        {
            // RFC 3461 ENVID: the letter id, returned in every delivery report as Original-Envelope-Id.
            EnvelopeId = letter.LetterId,
            RequestDsn = _settings.RequestDsn,
        };
        return connection.Transport.Send(envelope, email, afterLastByte, token);
    }

    private void FailPermanently(OutgoingLetter letter, SmtpFailure failure, string messageId, int attempts)
    {
        var fallback = _settings.PrintFallback && letter.HasPostalAddress;
        var next = fallback ? "print" : !_settings.PrintFallback ? "none (print fallback off)" : "none (no postal address)";
        Record(letter, new EmailFailed(failure.Reason, Blank(failure.Status), messageId, attempts, next));
        if (fallback)
        {
            _refused.Enqueue(letter with { Channel = DeliveryChannelKind.Post });
        }
    }

    private void Record(OutgoingLetter letter, LedgerEvent ledgerEvent) =>
        _log.Record(new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId, ledgerEvent));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private string Describe(SmtpFailure failure) =>
        $"{_settings.Server}: {(failure.Status.Length > 0 ? failure.Status + " " : "")}{failure.Reason}";

    private static ResiliencePipeline BuildRetry(SmtpSettings settings, TimeProvider? time)
    {
        var builder = new ResiliencePipelineBuilder();
        if (time is not null)
        {
            builder.TimeProvider = time;
        }

        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTemporary),
            });
        }

        return builder.Build();
    }

    private static bool IsTemporary(Exception ex) =>
        ex is SmtpTransportException transport && SmtpFailure.Classify(transport).IsTemporary;

}
