using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Notices.Delivery.Mime;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// Turns what MailKit and the socket throw into an <see cref="SmtpTransportException"/> at the stage the transport knows.
/// The reasons name no address: server texts pass through <see cref="AddressRedactor"/> where they are recorded.
/// </summary>
internal static class SmtpErrors
{
    /// <summary>A failure of the connection itself. The caller's own cancellation is not one, nor a letter PDF that
    /// vanished or changed (those are the letter's, and IOExceptions too).</summary>
    public static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) =>
        ex switch
        {
            FileNotFoundException or DirectoryNotFoundException or AttachmentChangedException => false,
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            IOException or SocketException or ObjectDisposedException or TimeoutException
                or SmtpProtocolException or ServiceNotConnectedException => true,
            _ => false,
        };

    /// <summary>The exception for <paramref name="ex"/> at <paramref name="stage"/>, or null when it is not the
    /// server's or the connection's (the caller rethrows it).</summary>
    public static SmtpTransportException? Translate(Exception ex, SmtpStage stage, CancellationToken cancellationToken) =>
        ex switch
        {
            // A code outside 2xx-5xx says nothing about the message; after the final dot it may well be queued.
            SmtpCommandException { StatusCode: < (SmtpStatusCode)200 or > (SmtpStatusCode)599 } odd => Lost(stage, odd),
            SmtpCommandException command => new SmtpTransportException(stage, SmtpReply.Create((int)command.StatusCode, command.Message.Split('\n'))),
            ServiceNotAuthenticatedException => new SmtpTransportException(stage, SmtpReply.Create(530, ["authentication required"])),
            SslHandshakeException tls => new SmtpTransportException(SmtpStage.StartTls, "TLS failed: " + TlsReason(tls), connectionLost: true, tls) { TlsFailed = true },
            NotSupportedException when stage <= SmtpStage.StartTls =>
                new SmtpTransportException(SmtpStage.StartTls, "the server does not offer STARTTLS", connectionLost: false),
            AuthenticationException auth => AuthRefused(auth),
            _ when IsConnectionFailure(ex, cancellationToken) => Lost(stage, ex),
            _ => null,
        };

    public static SmtpTransportException Lost(SmtpStage stage, Exception ex)
    {
        var reason = ex switch
        {
            HostileServerException hostile => hostile.Message,
            OperationCanceledException or TimeoutException => "timed out",
            _ when Socket(ex) is { SocketErrorCode: SocketError.TimedOut } => "timed out",
            _ when Socket(ex) is { } socket => (stage == SmtpStage.Connect ? "connection failed: " : "connection lost: ") + socket.SocketErrorCode,
            _ => "connection lost: " + ex.GetType().Name,
        };
        return new SmtpTransportException(stage, reason, connectionLost: true, ex);
    }

    /// <summary>The address as MailKit takes it; anything that could break the command line is refused first.</summary>
    /// <exception cref="FormatException">Not usable in an SMTP envelope.</exception>
    public static MimeKit.MailboxAddress EnvelopeAddress(string address, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(address);
        if ((address.Length == 0 && !allowEmpty) || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>')
            || (address.Length > 0 && !address.Contains('@', StringComparison.Ordinal)))
        {
            throw new FormatException("The address cannot be used in an SMTP envelope.");
        }

        return new MimeKit.MailboxAddress("", address);
    }

    /// <summary>MailKit words a refused AUTH as "535: 5.7.8 text"; the code is kept so it reads like any reply.</summary>
    private static SmtpTransportException AuthRefused(AuthenticationException auth)
    {
        var text = OneLine(auth.Message);
        return text.Length > 5 && text[3] == ':' && int.TryParse(text.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? new SmtpTransportException(SmtpStage.Auth, SmtpReply.Create(code, [text[4..].Trim()]))
            : new SmtpTransportException(SmtpStage.Auth, "authentication refused: " + text, connectionLost: false);
    }

    private static SocketException? Socket(Exception ex) =>
        ex as SocketException ?? ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;

    private static string TlsReason(SslHandshakeException tls) =>
        tls.InnerException is { } inner ? OneLine(inner.Message) : "handshake failed";

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
