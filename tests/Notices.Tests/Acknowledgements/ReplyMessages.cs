using System.Text;

namespace Notices.Tests.Acknowledgements;

/// <summary>Hand-written messages as a reply-domain Maildir would hold them (LF line ends, as Postfix's virtual agent writes).</summary>
internal static class ReplyMessages
{
    public const string Date = "Sun, 22 Nov 2026 09:15:02 +0100";

    /// <summary>A plain reply; <paramref name="extraHeaders"/> go after From (each line "Name: value").</summary>
    public static string Reply(string to, string from, string subject, string body = "Jeg har læst brevet.\n",
        string? messageId = "<reply-1@mail.patients.test>", string date = Date, params string[] extraHeaders)
    {
        var sb = new StringBuilder();
        sb.Append("Return-Path: <").Append(AddressOnly(from)).Append(">\n");
        sb.Append("Delivered-To: ").Append(AddressOnly(to)).Append('\n');
        sb.Append("From: ").Append(from).Append('\n');
        foreach (var header in extraHeaders)
        {
            sb.Append(header).Append('\n');
        }

        sb.Append("To: ").Append(to).Append('\n');
        sb.Append("Subject: ").Append(subject).Append('\n');
        sb.Append("Date: ").Append(date).Append('\n');
        if (messageId is not null)
        {
            sb.Append("Message-ID: ").Append(messageId).Append('\n');
        }

        sb.Append("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
        sb.Append(body);
        return sb.ToString();
    }

    /// <summary>A Date header value some minutes before now, in UTC (+0000).</summary>
    public static string MinutesAgo(int minutes) =>
        DateTime.UtcNow.AddMinutes(-minutes).ToString("ddd, d MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000";

    public static byte[] Bytes(string message) => Encoding.UTF8.GetBytes(message);

    private static string AddressOnly(string value)
    {
        var open = value.LastIndexOf('<');
        return open >= 0 ? value[(open + 1)..value.IndexOf('>', open)] : value;
    }
}
