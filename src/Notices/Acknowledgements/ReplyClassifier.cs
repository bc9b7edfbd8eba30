using System.Text;
using System.Text.RegularExpressions;
using Notices.Confirmations;

namespace Notices.Acknowledgements;

/// <summary>
/// Reads one message delivered to the reply domain and says whether a person wrote it (a possible acknowledgement),
/// a program answered for them (auto-reply), or a mail system reported on delivery, and which letter it names.
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

    public static ReplyMessage Classify(byte[] message) => Classify(MimeReader.Parse(message));

    public static ReplyMessage Classify(MimeEntity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        var subject = EncodedWords.Decode(headers["Subject"]).Trim();
        var (kind, sign) = KindOf(message, subject);
        return new ReplyMessage
        {
            Kind = kind,
            Sign = sign,
            Address = ReplyAddress.Find(headers),
            MentionedLetterIds = kind == ReplyKind.Reply ? MentionedIds(subject, message) : [],
            FromAddress = AddressOf(EncodedWords.Decode(headers["From"])),
            MessageId = MessageIdOf(headers["Message-ID"]),
            Date = MailDate.Parse(headers["Date"]),
        };
    }

    private static (ReplyKind Kind, string? Sign) KindOf(MimeEntity message, string subject)
    {
        var headers = message.Headers;
        if (message.ContentType.Is("multipart/report"))
        {
            return (ReplyKind.DeliveryReport, "a multipart/report");
        }

        if (message.Descendants().Any(p => p.ContentType.Is("message/delivery-status") || p.ContentType.Is("message/global-delivery-status")))
        {
            return (ReplyKind.DeliveryReport, "a message/delivery-status part");
        }

        if (headers.All("Return-Path").Any(v => v.Trim() is "<>" or ""))
        {
            return (ReplyKind.DeliveryReport, "an empty Return-Path (null sender)");
        }

        var from = headers["From"] ?? "";
        if (from.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase) || from.Contains("postmaster@", StringComparison.OrdinalIgnoreCase))
        {
            return (ReplyKind.DeliveryReport, "sent by a mail system (MAILER-DAEMON)");
        }

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

        if (AutoSubjects.FirstOrDefault(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase)) is { } auto)
        {
            return (ReplyKind.AutoReply, "subject starts with \"" + auto + "\"");
        }

        return (ReplyKind.Reply, null);
    }

    private static bool IsNo(string value)
    {
        var word = value.Split(';', 2)[0].Trim();
        return string.Equals(word, "no", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ids in the subject; only when it holds none, ids in the text parts (first <see cref="MaxBodyChars"/>).</summary>
    private static List<string> MentionedIds(string subject, MimeEntity message)
    {
        var inSubject = Ids(subject);
        if (inSubject.Count > 0)
        {
            return inSubject;
        }

        var text = new StringBuilder();
        foreach (var part in message.Descendants())
        {
            if (text.Length >= MaxBodyChars)
            {
                break;
            }

            var disposition = part.Headers["Content-Disposition"] ?? "";
            if (part.Parts.Count > 0 || disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase)
                || !(part.ContentType.Is("text/plain") || part.ContentType.Is("text/html")))
            {
                continue;
            }

            var partText = part.Text;
            text.Append(partText.AsSpan(0, Math.Min(partText.Length, MaxBodyChars - text.Length))).Append('\n');
        }

        return Ids(text.ToString());
    }

    private static List<string> Ids(string text) =>
        LetterIdPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The addr-spec of a From value: inside the last &lt;…&gt;, else the first word with an '@'.</summary>
    internal static string? AddressOf(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return null;
        }

        var open = from.LastIndexOf('<');
        var close = open >= 0 ? from.IndexOf('>', open) : -1;
        var candidate = open >= 0 && close > open
            ? from[(open + 1)..close]
            : from.Split([' ', '\t', ',', ';', '"'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Contains('@', StringComparison.Ordinal));
        candidate = candidate?.Trim();
        return string.IsNullOrEmpty(candidate) || !candidate.Contains('@', StringComparison.Ordinal) ? null : candidate;
    }

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
