using Notices.Delivery.Smtp.Transport;

namespace Notices.Delivery.Smtp;

/// <summary>
/// What a failed <see cref="SmtpTransport"/> step means for a letter. The transport knows the stage, so the scope comes
/// from stage and reply code: greeting, EHLO, STARTTLS and AUTH failures, 421 and authentication codes concern the
/// server; other 4xx/5xx replies to MAIL, RCPT, DATA and the end of data concern this letter. A connection lost after
/// the final dot is <see cref="SmtpFailureKind.Cut"/> (the server may have queued the message); lost earlier, the
/// server never had the whole message. Addresses in the server's text are redacted, because they are the patient's.
/// </summary>
public sealed record SmtpFailure(SmtpFailureKind Kind, string Status, string Reason)
{
    /// <summary>True when the failure is about the server, not this letter: it decides whether the run gives up on it.</summary>
    public bool ConcernsServer => Kind is SmtpFailureKind.ServerUnavailable or SmtpFailureKind.ServerRefused;

    /// <summary>True when trying the same letter again may succeed.</summary>
    public bool IsTemporary => Kind is SmtpFailureKind.Temporary or SmtpFailureKind.ServerUnavailable;

    /// <summary>
    /// Classifies a transport failure. A connection lost before the final dot is retried on a new connection (and, if
    /// that keeps failing, the server is given up); lost after it, the letter is never sent again by itself.
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

    private static string Redact(string text) => AddressRedactor.Redact(text);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
