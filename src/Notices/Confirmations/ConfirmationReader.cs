using System.Text.RegularExpressions;

using Notices.Delivery;

namespace Notices.Confirmations;

/// <summary>
/// Reads one received message and says whether it is a delivery report (RFC 3464, as Postfix sends for "delivered",
/// "delayed" and "undelivered"), a plain bounce, or something else, and what it says about which email.
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

    public static ConfirmationMessage Read(byte[] message) => Read(MimeReader.Parse(message));

    public static ConfirmationMessage Read(MimeEntity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var verp = VerpAddress.Find(message.Headers);
        var ownId = FirstMessageId(message.Headers["Message-ID"]);
        var fromMailSystem = FromMailSystem(message.Headers);

        var statusPart = message.Descendants().FirstOrDefault(p =>
            p.ContentType.Is("message/delivery-status") || p.ContentType.Is("message/global-delivery-status"));
        if (statusPart is not null)
        {
            var report = DeliveryStatus.Parse(statusPart.Text);
            var recipient = MostSevere(report.Recipients);
            return new ConfirmationMessage
            {
                Kind = ConfirmationKind.DeliveryReport,
                Outcome = recipient?.Outcome,
                Action = recipient?.Action,
                Status = recipient?.Status ?? "unknown",
                Diagnostic = CleanDiagnostic(recipient?.DiagnosticCode),
                WillRetryUntil = recipient?.WillRetryUntil,
                OriginalMessageId = OriginalMessageId(message),
                OriginalEnvelopeId = NullIfBlank(report.PerMessage["Original-Envelope-Id"]),
                MessageId = ownId,
                VerpLetterId = verp?.LetterId,
                VerpTag = verp?.Tag,
                FromMailSystem = fromMailSystem,
            };
        }

        if (LooksLikeBounce(message.Headers))
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
    private static bool FromMailSystem(MimeHeaders headers)
    {
        if (headers.All("Return-Path").Any(v => v.Trim() == "<>"))
        {
            return true;
        }

        var from = headers["From"] ?? "";
        return from.Contains("mailer-daemon@", StringComparison.OrdinalIgnoreCase)
            || from.Contains("postmaster@", StringComparison.OrdinalIgnoreCase);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Our emails have one recipient; if a report lists several, the worst news counts.</summary>
    private static DsnRecipient? MostSevere(IReadOnlyList<DsnRecipient> recipients) =>
        recipients.Where(r => r.Outcome is not null)
            .OrderBy(r => r.Outcome switch { DsnOutcome.Failed => 0, DsnOutcome.Delayed => 1, _ => 2 })
            .FirstOrDefault();

    private static bool LooksLikeBounce(MimeHeaders headers)
    {
        var subject = headers["Subject"] ?? "";
        if (AutoReplySubjects.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var from = headers["From"] ?? "";
        return from.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase)
            || from.Contains("postmaster", StringComparison.OrdinalIgnoreCase)
            || BounceSubjects.Any(s => subject.Contains(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The Message-ID of the message reported on: from a text/rfc822-headers or message/rfc822 part, else from a
    /// "Message-ID:" line in a text part (plain bounces quote the original headers in their text).
    /// </summary>
    private static string? OriginalMessageId(MimeEntity message)
    {
        foreach (var part in message.Descendants().Skip(1))
        {
            if (part.ContentType.Is("text/rfc822-headers") || part.ContentType.Is("message/global-headers"))
            {
                if (FirstMessageId(MimeReader.ParseHeaders(part.Text)["Message-ID"]) is { } id)
                {
                    return id;
                }
            }
            else if (part.Message is { } enclosed && FirstMessageId(enclosed.Headers["Message-ID"]) is { } id)
            {
                return id;
            }
        }

        foreach (var part in message.Descendants().Where(p => p.ContentType.MediaType.StartsWith("text/", StringComparison.Ordinal)))
        {
            var quoted = QuotedMessageIdLine().Match(part.Text);
            if (quoted.Success)
            {
                return quoted.Groups["id"].Value;
            }
        }

        return null;
    }

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
