using System.Text.RegularExpressions;
using MimeKit;
using Notices.Delivery;

// Notices.Delivery.Mime has its own MimeMessage for outgoing mail; incoming mail is always MimeKit's.
using MimeMessage = MimeKit.MimeMessage;

namespace Notices.Confirmations;

/// <summary>
/// Reads one received message and says whether it is a delivery report (RFC 3464, as Postfix sends for "delivered",
/// "delayed" and "undelivered"), a plain bounce, or something else, and what it says about which email. The message
/// is parsed by MimeKit (<see cref="IncomingMail"/>); the report's fields come from
/// <see cref="MessageDeliveryStatus.StatusGroups"/>.
/// </summary>
public static partial class ConfirmationReader
{
    /// <summary>Longest diagnostic text kept; a report's diagnostic is one SMTP reply, rarely longer.</summary>
    public const int MaxDiagnosticLength = 500;

    private static readonly string[] BounceSubjects =
    [
        "Undeliver", "Delivery Status Notification (Failure)", "Returned mail", "Mail delivery failed", "failure notice",
    ];

    private static readonly string[] AutoReplySubjects = ["Automatic reply", "Auto:", "Autosvar", "Out of Office", "Fraværende"];

    /// <summary>Never throws on malformed input: what cannot be read is <see cref="ConfirmationKind.Other"/>.</summary>
    public static ConfirmationMessage Read(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var parsed = IncomingMail.Load(message);
        return Read(parsed);
    }

    public static ConfirmationMessage Read(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        var verp = VerpAddress.Find(headers);
        var ownId = FirstMessageId(headers[HeaderId.MessageId]);
        var fromMailSystem = FromMailSystem(headers);

        // MimeKit makes a MessageDeliveryStatus of message/delivery-status and message/global-delivery-status alike.
        var statusPart = IncomingMail.Parts(message).OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (statusPart is not null)
        {
            // Groups MimeKit could not read (garbage fields) are simply absent: no recipient, no known outcome.
            var groups = statusPart.StatusGroups.ToList();
            var recipient = MostSevere(groups.Skip(1).Select(DsnRecipient.From).ToList());
            return new ConfirmationMessage
            {
                Kind = ConfirmationKind.DeliveryReport,
                Outcome = recipient?.Outcome,
                Action = recipient?.Action,
                Status = recipient?.Status ?? "unknown",
                Diagnostic = CleanDiagnostic(recipient?.DiagnosticCode),
                WillRetryUntil = recipient?.WillRetryUntil,
                OriginalMessageId = OriginalMessageId(message),
                OriginalEnvelopeId = NullIfBlank(groups.Count > 0 ? groups[0]["Original-Envelope-Id"] : null),
                MessageId = ownId,
                VerpLetterId = verp?.LetterId,
                VerpTag = verp?.Tag,
                FromMailSystem = fromMailSystem,
            };
        }

        if (LooksLikeBounce(headers))
        {
            return new ConfirmationMessage
            {
                Kind = ConfirmationKind.PlainBounce,
                Outcome = DsnOutcome.Failed,
                Action = "failed",
                Status = "unknown",
                OriginalMessageId = OriginalMessageId(message),
                MessageId = ownId,
                VerpLetterId = verp?.LetterId,
                VerpTag = verp?.Tag,
                FromMailSystem = fromMailSystem,
            };
        }

        return new ConfirmationMessage
        {
            Kind = ConfirmationKind.Other, MessageId = ownId, VerpLetterId = verp?.LetterId, VerpTag = verp?.Tag, FromMailSystem = fromMailSystem,
        };
    }

    /// <summary>Null envelope sender, as RFC 5321 requires of a bounce, or a From that names the mail system.</summary>
    private static bool FromMailSystem(HeaderList headers)
    {
        if (IncomingMail.All(headers, "Return-Path").Any(v => v.Trim() == "<>"))
        {
            return true;
        }

        var from = headers[HeaderId.From] ?? "";
        return from.Contains("mailer-daemon@", StringComparison.OrdinalIgnoreCase)
            || from.Contains("postmaster@", StringComparison.OrdinalIgnoreCase);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Our emails have one recipient; if a report lists several, the worst news counts.</summary>
    private static DsnRecipient? MostSevere(IReadOnlyList<DsnRecipient> recipients) =>
        recipients.Where(r => r.Outcome is not null)
            .OrderBy(r => r.Outcome switch { DsnOutcome.Failed => 0, DsnOutcome.Delayed => 1, _ => 2 })
            .FirstOrDefault();

    private static bool LooksLikeBounce(HeaderList headers)
    {
        var subject = headers[HeaderId.Subject] ?? "";
        if (AutoReplySubjects.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var from = headers[HeaderId.From] ?? "";
        return from.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase)
            || from.Contains("postmaster", StringComparison.OrdinalIgnoreCase)
            || BounceSubjects.Any(s => subject.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The Message-ID of the message reported on: from a text/rfc822-headers or message/rfc822 part, else from a
    /// "Message-ID:" line in a text part (plain bounces quote the original headers in their text).
    /// </summary>
    private static string? OriginalMessageId(MimeMessage message)
    {
        foreach (var part in IncomingMail.Parts(message).Skip(1))
        {
            if (FirstMessageId(ReturnedHeaders(part)?[HeaderId.MessageId]) is { } id)
            {
                return id;
            }
        }

        foreach (var part in IncomingMail.Parts(message).OfType<TextPart>())
        {
            var quoted = QuotedMessageIdLine().Match(part.Text);
            if (quoted.Success)
            {
                return quoted.Groups["id"].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The headers of a returned original. MimeKit parses message/rfc822, message/global, text/rfc822-headers and
    /// message/global-headers as a <see cref="MessagePart"/>, unless a mail system encoded them against RFC 2046: then
    /// they are an opaque part, decoded and read here.
    /// </summary>
    private static HeaderList? ReturnedHeaders(MimeEntity part) => part switch
    {
        MessagePart { Message: { } enclosed } => enclosed.Headers,
        MimePart opaque when IsReturnedOriginal(opaque) => IncomingMail.LoadHeaders(opaque),
        _ => null,
    };

    private static bool IsReturnedOriginal(MimeEntity part) =>
        IncomingMail.Is(part, "text/rfc822-headers") || IncomingMail.Is(part, "message/global-headers")
        || IncomingMail.Is(part, "message/rfc822") || IncomingMail.Is(part, "message/global");

    private static string? FirstMessageId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = AngleId().Match(value);
        return match.Success ? match.Value : value.Trim();
    }

    private static string? CleanDiagnostic(string? diagnostic)
    {
        if (string.IsNullOrWhiteSpace(diagnostic))
        {
            return null;
        }

        var text = AddressRedactor.Redact(WhiteSpace().Replace(diagnostic, " ").Trim());
        return text.Length <= MaxDiagnosticLength ? text : text[..MaxDiagnosticLength];
    }

    [GeneratedRegex(@"<[^<>\s]+>", RegexOptions.CultureInvariant)]
    private static partial Regex AngleId();

    [GeneratedRegex(@"^\s*Message-ID:\s*(?<id><[^<>\s]+>)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedMessageIdLine();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
