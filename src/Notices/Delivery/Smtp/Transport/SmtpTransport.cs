using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Notices.Delivery.Mime;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// One SMTP connection that stays open for many messages, on MailKit's <see cref="SmtpClient"/>: EHLO, STARTTLS with
/// certificate validation, AUTH only over TLS (PLAIN, LOGIN or XOAUTH2), PIPELINING, SIZE, DSN and SMTPUTF8 as the
/// server offers them. The socket is ours, with Nagle off: MailKit's last write of a message and the reply it waits
/// for would otherwise meet the peer's delayed ACK (measured: 7 × slower on one connection). Its writes are collected
/// in 64 KB (<see cref="BufferedNetworkStream"/>).
/// <para>
/// Every failure comes out as an <see cref="SmtpTransportException"/> with the stage it broke at, which
/// <see cref="SmtpFailure.Classify"/> turns into what it means for the letter. After an error reply MailKit sends RSET
/// and the connection is kept; after a lost connection, a timeout or a 421 it is closed, and the next
/// <see cref="Send"/> opens a new one. One operation at a time.
/// </para>
/// </summary>
public sealed class SmtpTransport(SmtpTransportOptions options) : IDisposable, IAsyncDisposable
{
    private readonly SmtpTransportOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ServerReplyGuard _guard = new();
    private LetterSmtpClient? _client;
    private BufferedNetworkStream? _network;

    public bool IsConnected => _client is { IsConnected: true };

    /// <summary>True once STARTTLS succeeded on the current connection.</summary>
    public bool IsSecure => _client is { IsConnected: true, IsSecure: true };

    /// <summary>What the server offered on the current connection.</summary>
    public SmtpCapabilities Capabilities => _client is { IsConnected: true } client ? client.Capabilities : SmtpCapabilities.None;

    /// <summary>Connects, reads the greeting, says EHLO, upgrades to TLS and authenticates as configured.</summary>
    /// <exception cref="SmtpTransportException">The server could not be reached, refused, or TLS or AUTH failed.</exception>
    public void Connect(CancellationToken cancellationToken)
    {
        Close();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (SmtpErrors.IsConnectionFailure(ex, cancellationToken))
        {
            socket.Dispose();
            throw SmtpErrors.Lost(SmtpStage.Connect, ex);
        }

        var client = new LetterSmtpClient(_guard)
        {
            Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds),
            LocalDomain = _options.ClientName,
            ServerCertificateValidationCallback = SmtpCertificateCheck.For(_options.TrustedRoots),
            // The chain is checked by the callback; a revocation lookup would go to the internet, which a relay on a
            // private network cannot reach.
            CheckCertificateRevocation = false,
            DeliveryStatusNotificationType = DeliveryStatusNotificationType.HeadersOnly,
        };
        _client = client;
        _guard.Connecting = true;
        try
        {
            _network = new BufferedNetworkStream(socket);
            client.Connect(_network, _options.Host, _options.Port,
                _options.RequireStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (_options.Login is { } login)
            {
                Authenticate(client, login, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not SmtpTransportException && SmtpErrors.Translate(ex, _guard.ConnectStage, cancellationToken) is { } failure)
        {
            Close();
            throw failure;
        }
        catch
        {
            Close();
            throw;
        }
        finally
        {
            _guard.Connecting = false;
        }
    }

    /// <summary>Sends one message and returns the server's reply to its end ("250 2.0.0 Ok: queued as …").</summary>
    /// <param name="afterLastByte">Called once every byte of the message has been written, before the server's reply
    /// is read (to prepare the next message meanwhile). It must not throw.</param>
    /// <exception cref="SmtpTransportException">A reply, a lost connection or a refusal; see its stage.</exception>
    /// <exception cref="FormatException">An envelope address cannot be used in an SMTP command.</exception>
    public SmtpReply Send(SmtpEnvelope envelope, LetterEmail email, Action? afterLastByte, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Send(envelope, email.Message, email.Format, email.International, afterLastByte, cancellationToken);
    }

    /// <summary>Sends any finished message, written with <paramref name="format"/>; <paramref name="international"/>
    /// when an address or header needs SMTPUTF8.</summary>
    public SmtpReply Send(SmtpEnvelope envelope, MimeKit.MimeMessage message, MimeKit.FormatOptions format, bool international,
        Action? afterLastByte, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(message);
        var sender = SmtpErrors.EnvelopeAddress(envelope.From, allowEmpty: true);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("An envelope needs at least one recipient.", nameof(envelope));
        }

        var recipients = envelope.Recipients.Select(r => SmtpErrors.EnvelopeAddress(r, allowEmpty: false)).ToList();
        if (IsConnected && ServerSpoke())
        {
            Close(); // a reply nobody asked for: every later reply would answer the wrong command
        }

        if (!IsConnected)
        {
            Connect(cancellationToken);
        }

        var client = _client!;
        if (international && (client.Capabilities & SmtpCapabilities.UTF8) == 0)
        {
            // MailKit would send the UTF-8 address anyway; a server without SMTPUTF8 must not get it (RFC 6531 3.2).
            throw new SmtpTransportException(SmtpStage.MailFrom, "the message needs SMTPUTF8, which the server does not offer", connectionLost: false);
        }

        var progress = new DataProgress(_guard, ServerSpoke, afterLastByte);
        client.Envelope = envelope;
        try
        {
            var text = client.Send(format, message, sender, recipients, cancellationToken, progress);
            return SmtpReply.Create(250, text.Split('\n'));
        }
        catch (SmtpCommandException ex) when (progress.Complete && (int)ex.StatusCode is >= 200 and <= 299)
        {
            // MailKit takes only 250 after the message; RFC 5321 4.2.1: the first digit decides, and a 2xx means the
            // server has it. Failing the letter would send it by post too.
            return SmtpReply.Create((int)ex.StatusCode, ex.Message.Split('\n'));
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 200 and <= 599)
        {
            var stage = ex.ErrorCode switch
            {
                SmtpErrorCode.SenderNotAccepted => SmtpStage.MailFrom,
                SmtpErrorCode.RecipientNotAccepted => SmtpStage.RcptTo,
                _ when progress.Complete => SmtpStage.EndOfData,
                _ => SmtpStage.Data,
            };
            if ((int)ex.StatusCode == 421)
            {
                Close(); // the server is closing the session
            }

            throw new SmtpTransportException(stage, SmtpReply.Create((int)ex.StatusCode, ex.Message.Split('\n')));
        }
        catch (Exception ex) when (ex is not SmtpTransportException && cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller mid-transaction: the session's state is unknown, and the letter keeps only its
            // intent (uncertain when the message may have left).
            Close();
            throw new OperationCanceledException("the send was stopped", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not SmtpTransportException)
        {
            var stage = progress.Complete ? SmtpStage.EndOfData
                : ex is HostileServerException ? SmtpStage.Data
                : progress.Started ? SmtpStage.Body : SmtpStage.MailFrom;
            if (SmtpErrors.Translate(ex, stage, cancellationToken) is { } failure)
            {
                Close();
                throw failure;
            }

            // The caller's own cancellation, or the letter's fault (its PDF vanished): a session in the middle of DATA
            // cannot be abandoned other than by closing it.
            Close();
            throw;
        }
        finally
        {
            client.Envelope = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends QUIT (best effort) and closes the connection.</summary>
    public void Dispose()
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                client.Timeout = (int)Math.Min(5000, _options.Timeout.TotalMilliseconds);
                client.Disconnect(quit: true);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or ProtocolException or SmtpCommandException or InvalidOperationException)
        {
            // The connection may already be gone; QUIT is a courtesy.
        }
        finally
        {
            client.Dispose();
        }
    }

    private void Authenticate(LetterSmtpClient client, SmtpLogin login, CancellationToken cancellationToken)
    {
        if (!client.IsSecure)
        {
            throw new SmtpTransportException(SmtpStage.Auth, "refusing to send credentials without TLS", connectionLost: false);
        }

        var mechanisms = client.AuthenticationMechanisms;
        SaslMechanism mechanism;
        if (login.OAuth2 is { } oauth)
        {
            if (!mechanisms.Contains("XOAUTH2"))
            {
                throw new SmtpTransportException(SmtpStage.Auth, "the server does not offer AUTH XOAUTH2", connectionLost: false);
            }

            string token;
            try
            {
                token = oauth.ReadToken(); // read at every connection: a refresher may have replaced it
            }
            catch (InvalidOperationException ex)
            {
                // Names the file, never the token; a setting of the server's, so the run stops using it.
                throw new SmtpTransportException(SmtpStage.Auth, ex.Message, connectionLost: false);
            }

            mechanism = new SaslMechanismOAuth2(login.UserName, token);
        }
        else if (mechanisms.Contains("PLAIN"))
        {
            mechanism = new SaslMechanismPlain(login.UserName, login.Password);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            mechanism = new SaslMechanismLogin(login.UserName, login.Password);
        }
        else
        {
            throw new SmtpTransportException(SmtpStage.Auth, "the server offers neither AUTH PLAIN nor AUTH LOGIN", connectionLost: false);
        }

        try
        {
            client.Authenticate(mechanism, cancellationToken);
        }
        catch (Exception ex) when (SmtpErrors.Translate(ex, SmtpStage.Auth, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Bytes from the server wait unread in the socket.</summary>
    private bool ServerSpoke()
    {
        try
        {
            return _network is { } network && network.Socket.Available > 0;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            return false; // a closed connection fails on its own next read or write
        }
    }

    private void Close()
    {
        var client = _client;
        _client = null;
        _network = null;
        client?.Dispose();
    }
}
