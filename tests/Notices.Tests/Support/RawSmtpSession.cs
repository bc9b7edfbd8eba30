using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// A bare SMTP client for probing a real server from a test: send one command, read the whole (multi-line) reply,
/// upgrade with STARTTLS through <see cref="SslStream"/> with a chosen trust, send one message. No error handling
/// beyond returning the server's replies: the test asserts on them.
/// </summary>
public sealed class RawSmtpSession : IDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private Stream _stream;
    private StreamReader _reader;
    private bool _handshakeFailed;

    public RawSmtpSession(int port, string host = PostfixServer.Host)
    {
        _client.Connect(host, port);
        _stream = _client.GetStream();
        _stream.ReadTimeout = 10_000;
        _reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
        Greeting = ReadReply();
    }

    public string Greeting { get; }

    /// <summary>The TLS stream after <see cref="StartTls"/>, for its protocol and the server's certificate.</summary>
    public SslStream? Tls => _stream as SslStream;

    /// <summary>Sends one command line and returns the reply, all lines joined with '\n' (e.g. "250-…\n250 …").</summary>
    public string Command(string line)
    {
        _stream.Write(Encoding.ASCII.GetBytes(line + "\r\n"));
        return ReadReply();
    }

    /// <summary>
    /// STARTTLS, then the handshake for <paramref name="targetHost"/>. <paramref name="trustedRoot"/>: the only CA to
    /// trust (custom root trust, as <c>--smtp-ca</c>), or null for the machine's trust store. The handshake's
    /// <see cref="SslPolicyErrors"/> are reported through <paramref name="policyErrors"/>; any error fails it with
    /// <see cref="System.Security.Authentication.AuthenticationException"/>, as normal validation does.
    /// </summary>
    public void StartTls(string targetHost, X509Certificate2? trustedRoot, Action<SslPolicyErrors>? policyErrors = null)
    {
        var reply = Command("STARTTLS");
        if (!reply.StartsWith("220", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("STARTTLS refused: " + reply);
        }

        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            RemoteCertificateValidationCallback = (_, _, _, errors) =>
            {
                policyErrors?.Invoke(errors);
                return errors == SslPolicyErrors.None;
            },
        };
        if (trustedRoot is not null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.Add(trustedRoot);
        }

        // Postfix sends nothing more until the client speaks, so the reader holds no buffered bytes here.
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClient(options);
        }
        catch
        {
            // Mid-handshake the server expects TLS records: a plain QUIT would only make it log a TLS error.
            _handshakeFailed = true;
            throw;
        }

        _stream = tls;
        _reader = new StreamReader(_stream, Encoding.ASCII, leaveOpen: true);
    }

    /// <summary>MAIL, RCPT, DATA and the message (CRLF lines, dot-stuffed here); returns the reply to the final dot.</summary>
    public string SendMessage(string from, string to, string message)
    {
        foreach (var (line, code) in new[] { ($"MAIL FROM:<{from}>", "250"), ($"RCPT TO:<{to}>", "250"), ("DATA", "354") })
        {
            var reply = Command(line);
            if (!reply.StartsWith(code, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{line}: {reply}");
            }
        }

        var body = new StringBuilder();
        foreach (var line in message.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            body.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        }

        return Command(body + ".");
    }

    public void Dispose()
    {
        try
        {
            if (!_handshakeFailed)
            {
                Command("QUIT");
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server or the test already closed the connection.
        }

        _reader.Dispose();
        _stream.Dispose();
        _client.Dispose();
    }

    private string ReadReply()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = _reader.ReadLine() ?? throw new IOException("connection closed; reply so far: " + string.Join('\n', lines));
            lines.Add(line);
            // "250-…" continues, "250 …" (or a bare code) ends the reply.
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
    }
}
