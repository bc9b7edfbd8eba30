using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// A small SMTP client (RFC 5321) for one connection that stays open for many messages: EHLO (HELO when refused),
/// STARTTLS, AUTH PLAIN/LOGIN over TLS only, PIPELINING (RFC 2920), SIZE, 8BITMIME, SMTPUTF8 and DSN (RFC 3461) when
/// offered. Commands are collected in a buffer and flushed once per group on a socket with Nagle off, so the message's
/// end and its final dot leave in one write instead of waiting for a delayed ACK.
/// <para>
/// After an error reply inside a transaction it sends RSET and keeps the connection; after a lost connection, a timeout
/// or a 421 it closes it, and the next <see cref="SendAsync"/> opens a new one. One operation at a time.
/// </para>
/// </summary>
public sealed class SmtpTransport(SmtpTransportOptions options) : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly SmtpTransportOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private Socket? _socket;
    private Stream? _stream;
    private BufferedStream? _out;
    private SmtpReplyReader? _in;
    private SmtpStage _stage;

    public bool IsConnected => _socket is not null;

    /// <summary>True once STARTTLS succeeded on the current connection.</summary>
    public bool IsSecure { get; private set; }

    /// <summary>What the server offered on the current connection.</summary>
    public SmtpExtensions Extensions { get; private set; } = SmtpExtensions.None;

    /// <summary>Connects, reads the greeting, says EHLO, upgrades to TLS and authenticates as configured.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Close();
        _stage = SmtpStage.Connect;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = Timeout(cancellationToken))
            {
                await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken))
        {
            socket.Dispose();
            throw Lost(SmtpStage.Connect, ex);
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _out = new BufferedStream(_stream, BufferSize);
        _in = new SmtpReplyReader(_stream);
        try
        {
            _stage = SmtpStage.Greeting;
            Expect(SmtpStage.Greeting, await ReadAsync(cancellationToken).ConfigureAwait(false), 220);
            await HelloAsync(cancellationToken).ConfigureAwait(false);
            if (_options.RequireStartTls)
            {
                await StartTlsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_options.Credentials is not null)
            {
                await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SmtpTransportException)
        {
            // A session that failed to start is not used again; QUIT is a courtesy when the server still talks.
            await QuitQuietlyAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends one message and returns the server's reply to the end of data ("250 2.0.0 Ok: queued as …").
    /// <paramref name="writeMessage"/> writes the raw message with CRLF line ends; dot-stuffing and the final dot are
    /// added here.
    /// </summary>
    /// <exception cref="SmtpTransportException">A reply, a lost connection or a refusal; see its stage.</exception>
    /// <exception cref="FormatException">An envelope address cannot be used in an SMTP command.</exception>
    public Task<SmtpReply> SendAsync(SmtpEnvelope envelope, Func<Stream, CancellationToken, Task> writeMessage, CancellationToken cancellationToken) =>
        SendAsync(envelope, writeMessage, afterEndOfData: null, cancellationToken);

    /// <param name="afterEndOfData">Called once the final dot has been written, before the server's reply is read
    /// (e.g. to prepare the next message meanwhile). It must not throw.</param>
    public async Task<SmtpReply> SendAsync(SmtpEnvelope envelope, Func<Stream, CancellationToken, Task> writeMessage, Action? afterEndOfData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(writeMessage);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("An envelope needs at least one recipient.", nameof(envelope));
        }

        CheckAddress(envelope.From, allowEmpty: true);
        foreach (var recipient in envelope.Recipients)
        {
            CheckAddress(recipient, allowEmpty: false);
        }

        if (IsConnected && _in!.HasBufferedData)
        {
            Close(); // a reply nobody asked for: every later reply would answer the wrong command
        }

        if (!IsConnected)
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        var commands = SmtpCommands.Transaction(envelope, Extensions); // refuses an oversize message before any byte
        try
        {
            return await TransactionAsync(commands, writeMessage, afterEndOfData, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpTransportException ex) when (ex.Reply is { } reply && !ex.ConnectionLost)
        {
            if (reply.Code == 421)
            {
                Close(); // the server is closing the session
            }
            else
            {
                await ResetAsync(cancellationToken).ConfigureAwait(false);
            }

            throw;
        }
        catch (OperationCanceledException)
        {
            Close(); // stopped mid-transaction: the session's state is unknown
            throw;
        }
    }

    /// <summary>Sends QUIT (best effort) and closes the connection.</summary>
    public async ValueTask DisposeAsync() => await QuitQuietlyAsync().ConfigureAwait(false);

    public void Dispose() => QuitQuietlyAsync().GetAwaiter().GetResult();

    private async Task<SmtpReply> TransactionAsync(IReadOnlyList<string> commands, Func<Stream, CancellationToken, Task> writeMessage, Action? afterEndOfData, CancellationToken cancellationToken)
    {
        // commands: MAIL, RCPT…, DATA. With PIPELINING all go in one write and the replies are read in order.
        SmtpTransportException? refused = null;
        SmtpReply? dataReply = null;
        if (Extensions.Pipelining)
        {
            foreach (var command in commands)
            {
                await WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
            }

            await FlushAsync(SmtpStage.MailFrom, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var stage = i == 0 ? SmtpStage.MailFrom : i == commands.Count - 1 ? SmtpStage.Data : SmtpStage.RcptTo;
            if (!Extensions.Pipelining)
            {
                await WriteLineAsync(commands[i], cancellationToken).ConfigureAwait(false);
                await FlushAsync(stage, cancellationToken).ConfigureAwait(false);
            }

            _stage = stage;
            var reply = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (stage == SmtpStage.Data)
            {
                dataReply = reply;
            }
            else if (reply.Code != 250 && reply.Code != 251)
            {
                refused ??= new SmtpTransportException(stage, reply);
                if (!Extensions.Pipelining)
                {
                    throw refused;
                }
            }
        }

        if (dataReply!.Code != 354)
        {
            throw refused ?? new SmtpTransportException(SmtpStage.Data, dataReply);
        }

        if (_in!.HasBufferedData)
        {
            // A reply before the data (e.g. 250 at once): it cannot be about this message, and the replies are now
            // out of step. Nothing of the message has left, so it is safe to retry on a new connection.
            throw Lost(SmtpStage.Data, new InvalidDataException("the server replied before the message was sent"));
        }

        if (refused is not null)
        {
            // RFC 2920: every recipient refused but the server still said 354: end the empty message, then report.
            _stage = SmtpStage.EndOfData;
            await WriteLineAsync(".", cancellationToken).ConfigureAwait(false);
            await FlushAsync(SmtpStage.EndOfData, cancellationToken).ConfigureAwait(false);
            await ReadAsync(cancellationToken).ConfigureAwait(false);
            throw refused;
        }

        await WriteBodyAsync(writeMessage, cancellationToken).ConfigureAwait(false);
        afterEndOfData?.Invoke();
        _stage = SmtpStage.EndOfData;
        var final = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return final.Code == 250 ? final : throw new SmtpTransportException(SmtpStage.EndOfData, final);
    }

    private async Task WriteBodyAsync(Func<Stream, CancellationToken, Task> writeMessage, CancellationToken cancellationToken)
    {
        _stage = SmtpStage.Body;
        using var timeout = Timeout(cancellationToken);
        var data = new DotStuffingStream(_out!, () => timeout.CancelAfter(_options.Timeout));
        try
        {
            await writeMessage(data, timeout.Token).ConfigureAwait(false);
        }
        // A FileNotFoundException from the writer is an IOException too, but it is the letter's, not the connection's.
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken) && (data.ConnectionFailed || ex is OperationCanceledException))
        {
            throw Lost(SmtpStage.Body, ex);
        }
        catch
        {
            // The writer failed (e.g. the PDF vanished): the only way to abandon DATA is to drop the connection.
            Close();
            throw;
        }

        try
        {
            timeout.CancelAfter(_options.Timeout);
            await data.FinishAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken))
        {
            // Part of the final write may have left, dot included: the server may have the message.
            throw Lost(SmtpStage.EndOfData, ex);
        }
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        _stage = SmtpStage.Ehlo;
        await CommandAsync("EHLO " + _options.ClientName, cancellationToken).ConfigureAwait(false);
        var ehlo = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (ehlo.Code == 250)
        {
            Extensions = SmtpExtensions.Parse(ehlo);
            return;
        }

        if (ehlo.Code is not (500 or 502))
        {
            throw new SmtpTransportException(SmtpStage.Ehlo, ehlo);
        }

        await CommandAsync("HELO " + _options.ClientName, cancellationToken).ConfigureAwait(false);
        Expect(SmtpStage.Ehlo, await ReadAsync(cancellationToken).ConfigureAwait(false), 250);
        Extensions = SmtpExtensions.None;
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        _stage = SmtpStage.StartTls;
        if (!Extensions.StartTls)
        {
            throw new SmtpTransportException(SmtpStage.StartTls, "the server does not offer STARTTLS", connectionLost: false);
        }

        await CommandAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
        Expect(SmtpStage.StartTls, await ReadAsync(cancellationToken).ConfigureAwait(false), 220);
        if (_in!.HasBufferedData)
        {
            // Bytes injected before the handshake would be read as if they came over TLS (CVE-2011-0411 style).
            throw new SmtpTransportException(SmtpStage.StartTls, "the server sent data before the TLS handshake", connectionLost: false);
        }

        var ssl = new SslStream(_stream!, leaveInnerStreamOpen: false, SmtpCertificateCheck.For(_options.TrustedRoots));
        try
        {
            using var timeout = Timeout(cancellationToken);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _options.Host }, timeout.Token).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            Close();
            throw new SmtpTransportException(SmtpStage.StartTls, "TLS failed: " + ex.Message, connectionLost: true, ex) { TlsFailed = true };
        }
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken))
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw Lost(SmtpStage.StartTls, ex);
        }

        _stream = ssl;
        _out = new BufferedStream(ssl, BufferSize);
        _in.Stream = ssl;
        IsSecure = true;
        await HelloAsync(cancellationToken).ConfigureAwait(false); // RFC 3207: forget what was offered before TLS
    }

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        _stage = SmtpStage.Auth;
        if (!IsSecure)
        {
            throw new SmtpTransportException(SmtpStage.Auth, "refusing to send credentials without TLS", connectionLost: false);
        }

        var credentials = _options.Credentials!;
        var mechanisms = Extensions.AuthMechanisms;
        if (mechanisms.Contains("PLAIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + credentials.UserName + "\0" + credentials.Password));
            await CommandAsync("AUTH PLAIN " + token, cancellationToken).ConfigureAwait(false);
            Expect(SmtpStage.Auth, await ReadAsync(cancellationToken).ConfigureAwait(false), 235);
            return;
        }

        if (!mechanisms.Contains("LOGIN"))
        {
            throw new SmtpTransportException(SmtpStage.Auth, "the server offers neither AUTH PLAIN nor AUTH LOGIN", connectionLost: false);
        }

        await CommandAsync("AUTH LOGIN", cancellationToken).ConfigureAwait(false);
        Expect(SmtpStage.Auth, await ReadAsync(cancellationToken).ConfigureAwait(false), 334);
        await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.UserName)), cancellationToken).ConfigureAwait(false);
        Expect(SmtpStage.Auth, await ReadAsync(cancellationToken).ConfigureAwait(false), 334);
        await CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Password)), cancellationToken).ConfigureAwait(false);
        Expect(SmtpStage.Auth, await ReadAsync(cancellationToken).ConfigureAwait(false), 235);
    }

    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CommandAsync("RSET", cancellationToken).ConfigureAwait(false);
            if ((await ReadAsync(cancellationToken).ConfigureAwait(false)).Code != 250)
            {
                Close();
            }
        }
        catch (SmtpTransportException)
        {
            Close(); // a session in an unknown state is not reused
        }
    }

    private async Task QuitQuietlyAsync()
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(5, _options.Timeout.TotalSeconds)));
            await WriteLineAsync("QUIT", quick.Token).ConfigureAwait(false);
            await _out!.FlushAsync(quick.Token).ConfigureAwait(false);
            await _in!.ReadAsync(quick.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or InvalidDataException or SmtpTransportException)
        {
            // The connection may already be gone; QUIT is a courtesy.
        }
        finally
        {
            Close();
        }
    }

    private async Task CommandAsync(string line, CancellationToken cancellationToken)
    {
        await WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        await FlushAsync(_stage, cancellationToken).ConfigureAwait(false);
    }

    private Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        _out!.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken).AsTask();

    private async Task FlushAsync(SmtpStage stage, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = Timeout(cancellationToken);
            await _out!.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken))
        {
            throw Lost(stage, ex);
        }
    }

    private async Task<SmtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = Timeout(cancellationToken);
            return await _in!.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsIoFailure(ex, cancellationToken))
        {
            throw Lost(_stage, ex);
        }
    }

    private static void Expect(SmtpStage stage, SmtpReply reply, int code)
    {
        if (reply.Code != code)
        {
            throw new SmtpTransportException(stage, reply);
        }
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_options.Timeout);
        return source;
    }

    /// <summary>A failure of the connection itself; the caller's own cancellation is not one.</summary>
    private static bool IsIoFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is IOException or SocketException or ObjectDisposedException or InvalidDataException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private SmtpTransportException Lost(SmtpStage stage, Exception ex)
    {
        Close();
        var reason = ex switch
        {
            OperationCanceledException => "timed out",
            SocketException socket => (stage == SmtpStage.Connect ? "connection failed: " : "connection lost: ") + socket.SocketErrorCode,
            InvalidDataException invalid => invalid.Message,
            _ when ex.InnerException is SocketException inner => "connection lost: " + inner.SocketErrorCode,
            _ => "connection lost: " + ex.GetType().Name,
        };
        return new SmtpTransportException(stage, reason, connectionLost: true, ex);
    }

    private static void CheckAddress(string address, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(address);
        if ((address.Length == 0 && !allowEmpty) || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>')
            || (address.Length > 0 && !address.Contains('@', StringComparison.Ordinal)))
        {
            throw new FormatException("The address cannot be used in an SMTP envelope.");
        }
    }

    private void Close()
    {
        var socket = _socket;
        _socket = null;
        IsSecure = false;
        Extensions = SmtpExtensions.None;
        try
        {
            _stream?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Closing a broken connection.
        }

        socket?.Dispose();
        _stream = null;
        _out = null;
        _in = null;
    }
}
