using System.Text;

namespace Notices.Tests.Confirmations;

/// <summary>Malformed messages a stranger can put in a Maildir, for the reader, the classifier and both importers.</summary>
internal static class HostileMail
{
    /// <summary>A well-formed RFC 3464 status part saying "failed".</summary>
    public const string FailedStatus =
        "Content-Type: message/delivery-status\n\n"
        + "Reporting-MTA: dns; mail.example.com\n\n"
        + "Final-Recipient: rfc822; someone@patients.test\nAction: failed\nStatus: 5.1.1\n";

    /// <summary>Top-level headers; <paramref name="contentType"/> is the whole Content-Type value.</summary>
    public static string Head(string deliveredTo, string from, string subject, string contentType) =>
        "Delivered-To: " + deliveredTo + "\n"
        + "From: " + from + "\n"
        + "To: " + deliveredTo + "\n"
        + "Subject: " + subject + "\n"
        + "Message-ID: <hostile." + Guid.NewGuid().ToString("N") + "@evil.test>\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: " + contentType + "\n\n";

    /// <summary><paramref name="depth"/> multipart/mixed parts, each the only part of the one above, around <paramref name="innermost"/>.</summary>
    public static string Nested(string head, int depth, string innermost)
    {
        var sb = new StringBuilder(head.Length + (depth * 80) + innermost.Length);
        sb.Append(head);
        for (var i = 1; i < depth; i++)
        {
            sb.Append("--n").Append(i).Append("\nContent-Type: multipart/mixed; boundary=n").Append(i + 1).Append("\n\n");
        }

        sb.Append("--n").Append(depth).Append('\n').Append(innermost).Append('\n');
        for (var i = depth; i >= 1; i--)
        {
            sb.Append("--n").Append(i).Append("--\n");
        }

        return sb.ToString();
    }

    /// <summary>A Subject of <paramref name="subjectChars"/> characters on one line, after <paramref name="fillerHeaders"/> junk headers.</summary>
    public static string HugeHeaders(string deliveredTo, int subjectChars, int fillerHeaders, string body)
    {
        var sb = new StringBuilder(subjectChars + (fillerHeaders * 40) + body.Length + 500);
        sb.Append("Delivered-To: ").Append(deliveredTo).Append('\n');
        for (var i = 0; i < fillerHeaders; i++)
        {
            sb.Append("X-Filler-").Append(i % 100).Append(": ").Append('x', 20).Append('\n');
        }

        sb.Append("From: Someone <someone@example.net>\n").Append("Subject: ").Append('A', subjectChars).Append('\n');
        sb.Append("Message-ID: <huge@evil.test>\nContent-Type: text/plain; charset=utf-8\n\n").Append(body);
        return sb.ToString();
    }
}
