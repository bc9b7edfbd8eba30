using System.Globalization;
using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Notices.Delivery.Smtp.Transport;

namespace Notices.Delivery.Smtp;

/// <summary>
/// What an exception from <see cref="SmtpClient"/> means for a letter. System.Net.Mail gives only the reply code as
/// an enum plus, for recipient failures, the server's text inside the exception message; the enhanced status
/// (e.g. 5.1.1) is read from that text. Addresses in it are redacted, because they are the patient's.
/// <para>
/// The exception type does not tell a recipient's reply from the server's: for a refused RCPT, System.Net.Mail throws
/// <see cref="SmtpFailedRecipientException"/> only for 450, 452, 550–553 and plain <see cref="SmtpException"/> for any
/// other code (451 included, measured with Postfix 3.7 and .NET 10). So the scope comes from the reply code: every
/// 4xx but 421 concerns this letter; 421 and a connection that cannot be made concern the server. A connection lost
/// or timed out mid-session is <see cref="SmtpFailureKind.Cut"/>: System.Net.Mail throws the same exception whether
/// the server closed at MAIL FROM or after the final dot (measured), so the letter may have been taken.
/// </para>
/// </summary>
public sealed partial record SmtpFailure(SmtpFailureKind Kind, string Status, string Reason)
{
    /// <summary>True when the failure is about the server, not this letter: it decides whether the run gives up on it.</summary>
    public bool ConcernsServer => Kind is SmtpFailureKind.ServerUnavailable or SmtpFailureKind.ServerRefused;

    /// <summary>True when trying the same letter again may succeed.</summary>
    public bool IsTemporary => Kind is SmtpFailureKind.Temporary or SmtpFailureKind.ServerUnavailable;

    /// <summary>For System.Net.Mail exceptions (no longer on the SMTP path; kept until nothing calls it).</summary>
    public static SmtpFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new SmtpFailure(SmtpFailureKind.ServerRefused, "", "TLS failed: " + tls.Message);
        }

        if (exception is SmtpException smtp)
        {
            var code = (int)smtp.StatusCode;
            var status = StatusText(code, smtp.Message);
            var reason = Redact(OneLine(smtp.Message));
            if (Find<SocketException>(exception) is { } socket)
            {
                return IsConnectFailure(socket)
                    ? new SmtpFailure(SmtpFailureKind.ServerUnavailable, status, "connection failed: " + socket.SocketErrorCode)
                    : new SmtpFailure(SmtpFailureKind.Cut, status, "connection lost: " + socket.SocketErrorCode);
            }

            if (code is 530 or 534 or 535 or 538 || (code == 454 && exception is not SmtpFailedRecipientException))
            {
                // Must issue STARTTLS first / authentication required or failed: a setting, not this letter.
                return new SmtpFailure(SmtpFailureKind.ServerRefused, status, reason);
            }

            if (smtp.Message.Contains("does not support secure connections", StringComparison.OrdinalIgnoreCase)
                || smtp.Message.Contains("does not support authentication", StringComparison.OrdinalIgnoreCase))
            {
                return new SmtpFailure(SmtpFailureKind.ServerRefused, status, reason);
            }

            return code switch
            {
                >= 500 and < 600 => new SmtpFailure(SmtpFailureKind.Permanent, status, reason),
                // 421: the server is closing the session (shutting down, too many connections), whatever the command.
                421 => new SmtpFailure(SmtpFailureKind.ServerUnavailable, status, reason),
                >= 400 and < 500 => new SmtpFailure(SmtpFailureKind.Temporary, status, reason),
                // No reply code: the connection was lost or timed out mid-session; the server may have the message.
                _ => new SmtpFailure(SmtpFailureKind.Cut, status, reason),
            };
        }

        if (Find<SocketException>(exception) is { } bare)
        {
            return IsConnectFailure(bare)
                ? new SmtpFailure(SmtpFailureKind.ServerUnavailable, "", "connection failed: " + bare.SocketErrorCode)
                : new SmtpFailure(SmtpFailureKind.Cut, "", "connection lost: " + bare.SocketErrorCode);
        }

        if (exception is IOException or TimeoutException or ObjectDisposedException)
        {
            return new SmtpFailure(SmtpFailureKind.Cut, "", "connection lost: " + exception.GetType().Name);
        }

        return new SmtpFailure(SmtpFailureKind.ServerUnavailable, "", exception.GetType().Name + ": " + Redact(OneLine(exception.Message)));
    }

    /// <summary>
    /// What a failure of our own <see cref="SmtpTransport"/> means for a letter. Unlike System.Net.Mail it knows the
    /// stage: a connection lost after the final dot is <see cref="SmtpFailureKind.Cut"/>; lost earlier, the server
    /// never had the whole message, so it is retried on a new connection (and, if that keeps failing, the server is
    /// given up). Greeting, EHLO, STARTTLS and AUTH failures concern the server; 4xx/5xx to MAIL, RCPT, DATA and the end
    /// of data concern this letter (421 and authentication codes excepted).
    /// </summary>
    public static SmtpFailure Classify(SmtpTransportException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var stage = exception.Stage;
        var serverStage = stage is SmtpStage.Connect or SmtpStage.Greeting or SmtpStage.Ehlo or SmtpStage.StartTls or SmtpStage.Auth;
        if (exception.Reply is not { } reply)
        {
            var reason = Redact(exception.LocalReason ?? exception.Message);
            if (exception.TlsFailed)
            {
                return new SmtpFailure(SmtpFailureKind.ServerRefused, "", reason);
            }

            if (exception.ConnectionLost)
            {
                return exception.MessageMayBeQueued
                    ? new SmtpFailure(SmtpFailureKind.Cut, "", reason + " after the message was sent")
                    : new SmtpFailure(SmtpFailureKind.ServerUnavailable, "", reason + (stage == SmtpStage.Connect ? "" : " at " + stage));
            }

            // Refused by the client itself: STARTTLS missing or AUTH without TLS (the server), oversize (the letter).
            return new SmtpFailure(serverStage ? SmtpFailureKind.ServerRefused : SmtpFailureKind.Permanent, "", reason);
        }

        var status = reply.Status;
        var text = Redact(OneLine(string.Join(' ', reply.Lines)));
        if (reply.Code == 421)
        {
            return new SmtpFailure(SmtpFailureKind.ServerUnavailable, status, text);
        }

        if (stage is SmtpStage.StartTls or SmtpStage.Auth || reply.Code is 530 or 534 or 535 or 538
            || (reply.Code == 454 && stage != SmtpStage.RcptTo))
        {
            // TLS or authentication refused or required: a setting, not this letter.
            return new SmtpFailure(SmtpFailureKind.ServerRefused, status, text);
        }

        if (serverStage)
        {
            return new SmtpFailure(reply.IsTransient ? SmtpFailureKind.ServerUnavailable : SmtpFailureKind.ServerRefused, status, text);
        }

        return reply.IsTransient
            ? new SmtpFailure(SmtpFailureKind.Temporary, status, text)
            : new SmtpFailure(SmtpFailureKind.Permanent, status, text);
    }

    /// <summary>The connection was never made, so no message can have reached the server.</summary>
    private static bool IsConnectFailure(SocketException socket) => socket.SocketErrorCode is SocketError.ConnectionRefused
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound or SocketError.HostDown
        or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable or SocketError.NetworkDown
        or SocketError.TimedOut;

    private static string Redact(string text) => AddressRedactor.Redact(text);

    /// <summary>"550 5.1.1": the reply code (when the client knew one) and the enhanced status from the server text.</summary>
    private static string StatusText(int code, string message)
    {
        var enhanced = EnhancedStatusPattern().Match(message);
        var reply = code is >= 200 and < 600 ? code.ToString(CultureInfo.InvariantCulture) : "";
        return string.Join(' ', new[] { reply, enhanced.Success ? enhanced.Value : "" }.Where(s => s.Length > 0));
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedStatusPattern();
}
