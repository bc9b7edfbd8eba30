using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Notices.Confirmations;

// Notices.Delivery.Mime has its own MimeMessage for outgoing mail; incoming mail is always MimeKit's.
using MimeMessage = MimeKit.MimeMessage;

namespace Notices.Acknowledgements;

/// <summary>
/// Reads one message delivered to the reply domain and says whether a person wrote it (a possible acknowledgement),
/// a program answered for them (auto-reply), or a mail system reported on delivery, and which letter it names.
/// Parsed by MimeKit (<see cref="IncomingMail"/>), which also decodes encoded words, dates and addresses.
/// Tolerant of anything a stranger can send: missing headers, wrong charsets, enormous bodies.
/// </summary>
public static partial class ReplyClassifier
{
    /// <summary>Only this much body text is searched for a letter id; a reply's own words come first.</summary>
    public const int MaxBodyChars = 64 * 1024;

    private static readonly string[] AutoSubjects =
    [
        "Out of office", "Out of the office", "Automatic reply", "Auto reply", "Autoreply", "Auto:", "Autosvar",
        "Automatisk svar", "Fraværende", "Ikke til stede",
    ];

    private static readonly string[] AutoPrecedence = ["auto_reply", "bulk", "junk", "list"];

    /// <summary>Never throws on malformed input: a message MimeKit cannot read at all is a reply naming nothing.</summary>
    public static ReplyMessage Classify(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var parsed = IncomingMail.Load(message);
        return Classify(parsed);
    }

    public static ReplyMessage Classify(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        var subject = (message.Subject ?? "").Trim();
        var (kind, sign) = KindOf(message, subject);
        return new ReplyMessage
        {
            Kind = kind,
            Sign = sign,
            Address = ReplyAddress.Find(headers),
            MentionedLetterIds = kind == ReplyKind.Reply ? MentionedIds(subject, message) : [],
            FromAddress = AddressOf(message.From),
            MessageId = MessageIdOf(headers[HeaderId.MessageId]),
            // MimeKit gives DateTimeOffset.MinValue for a Date header that is absent or unreadable.
            Date = message.Date == DateTimeOffset.MinValue ? null : message.Date,
        };
    }

    private static (ReplyKind Kind, string? Sign) KindOf(MimeMessage message, string subject)
    {
        var headers = message.Headers;
        if (message.Body is { } body && IncomingMail.Is(body, "multipart/report"))
        {
            return (ReplyKind.DeliveryReport, "a multipart/report");
        }

        if (IncomingMail.Parts(message).Any(p => p is MessageDeliveryStatus))
        {
            return (ReplyKind.DeliveryReport, "a message/delivery-status part");
        }

        if (IncomingMail.All(headers, "Return-Path").Any(v => v.Trim() is "<>" or ""))
        {
            return (ReplyKind.DeliveryReport, "an empty Return-Path (null sender)");
        }

        var from = headers[HeaderId.From] ?? "";
        if (from.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase) || from.Contains("postmaster@", StringComparison.OrdinalIgnoreCase))
        {
            return (ReplyKind.DeliveryReport, "sent by a mail system (MAILER-DAEMON)");
        }

        // RFC 3834: anything but "no" means a program sent it.
        if (headers["Auto-Submitted"] is { } autoSubmitted && !IsNo(autoSubmitted))
        {
            return (ReplyKind.AutoReply, "Auto-Submitted header");
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond" })
        {
            if (headers[name] is not null)
            {
                return (ReplyKind.AutoReply, name + " header");
            }
        }

        if (headers["Precedence"] is { } precedence
            && AutoPrecedence.Any(p => string.Equals(precedence.Trim(), p, StringComparison.OrdinalIgnoreCase)))
        {
            return (ReplyKind.AutoReply, "Precedence: " + precedence.Trim().ToLowerInvariant());
        }

        if (AutoSubjects.FirstOrDefault(s => StartsLike(subject, s)) is { } auto)
        {
            return (ReplyKind.AutoReply, "subject starts with \"" + auto + "\"");
        }

        return (ReplyKind.Reply, null);
    }

    /// <summary>
    /// A case-insensitive prefix test in which a non-ASCII letter of <paramref name="prefix"/> also matches U+FFFD or
    /// '?': what MimeKit makes of æ, ø, å in an encoded word whose charset label is wrong (Latin-1 bytes labelled
    /// UTF-8). Errs towards "auto-reply", which is never taken as an acknowledgement.
    /// </summary>
    private static bool StartsLike(string subject, string prefix)
    {
        if (subject.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var (s, p) = (subject[i], prefix[i]);
            if (char.ToUpperInvariant(s) != char.ToUpperInvariant(p) && (char.IsAscii(p) || s is not ('\uFFFD' or '?')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNo(string value)
    {
        var word = value.Split(';', 2)[0].Trim();
        return string.Equals(word, "no", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ids in the subject; only when it holds none, ids in the text parts (first <see cref="MaxBodyChars"/>).</summary>
    private static List<string> MentionedIds(string subject, MimeMessage message)
    {
        var inSubject = Ids(subject);
        if (inSubject.Count > 0)
        {
            return inSubject;
        }

        var text = new StringBuilder();
        foreach (var part in IncomingMail.Parts(message).OfType<TextPart>())
        {
            if (text.Length >= MaxBodyChars)
            {
                break;
            }

            if (part.IsAttachment || !(part.IsPlain || part.IsHtml))
            {
                continue;
            }

            // MimeKit decodes with the part's charset; without one (or a wrong one) UTF-8, else Latin-1.
            var partText = part.Text;
            text.Append(partText.AsSpan(0, Math.Min(partText.Length, MaxBodyChars - text.Length))).Append('\n');
        }

        return Ids(text.ToString());
    }

    private static List<string> Ids(string text) =>
        LetterIdPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The first mailbox of the From header with an addr-spec holding an '@', or null.</summary>
    private static string? AddressOf(InternetAddressList from) =>
        from.Mailboxes.Select(m => m.Address?.Trim())
            .FirstOrDefault(a => !string.IsNullOrEmpty(a) && a.Contains('@', StringComparison.Ordinal));

    private static string? MessageIdOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = AngleId().Match(value);
        return match.Success ? match.Value : null;
    }

    /// <summary>
    /// A letter id as campaigns make them (<see cref="Campaigns.LetterIds"/>): reference (letters, digits, '_', may hold
    /// '-'), two-letter country, six digits; optionally a reminder suffix <c>-R&lt;n&gt;</c>. Any case, since people retype.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_]{1,20}-){1,4}[A-Za-z]{2}-[0-9]{6}(?:-[Rr][0-9]{1,3})?(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex LetterIdPattern();

    [GeneratedRegex(@"<[^<>\s]{1,250}>", RegexOptions.CultureInvariant)]
    private static partial Regex AngleId();
}
