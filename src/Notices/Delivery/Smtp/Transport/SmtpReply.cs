using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// One SMTP reply: the code, the enhanced status code when the server sent one (RFC 3463, "2.0.0"), and the text of
/// every line (without the code and separator).
/// </summary>
public sealed partial record SmtpReply(int Code, string? EnhancedStatus, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public bool IsTransient => Code is >= 400 and < 500;

    public bool IsPermanent => Code is >= 500 and < 600;

    /// <summary>"250 2.0.0 Ok: queued as 4Fq…": the code and all lines joined by a space.</summary>
    public string OneLine => Code.ToString(CultureInfo.InvariantCulture) + " " + string.Join(' ', Lines).Trim();

    /// <summary>"550 5.1.1" or "550": what the ledger keeps as the status.</summary>
    public string Status => EnhancedStatus is null
        ? Code.ToString(CultureInfo.InvariantCulture)
        : Code.ToString(CultureInfo.InvariantCulture) + " " + EnhancedStatus;

    public override string ToString() => OneLine;

    /// <summary>Builds a reply from its lines; the enhanced status is taken from the first line when its class matches the code.</summary>
    /// <summary>The reply as recorded: control characters (terminal escapes a hostile server could send, which
    /// <c>status</c> would print later) become spaces.</summary>
    public static SmtpReply Create(int code, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lines = lines.Select(l => new string(l.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim()).ToList();
        string? enhanced = null;
        if (lines.Count > 0 && code >= 200 && EnhancedPattern().Match(lines[0]) is { Success: true } match
            && match.Value[0] - '0' == code / 100)
        {
            enhanced = match.Value;
        }

        return new SmtpReply(code, enhanced, lines);
    }

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedPattern();
}
