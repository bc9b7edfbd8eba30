using System.Text;
using System.Text.RegularExpressions;
using Notices.Tests.Support;

namespace Notices.Tests.Confirmations;

/// <summary>
/// The hand-written reports in Fixtures/ (all about letter FA830-DK-000042, sent as
/// &lt;FA830-DK-000042.0123456789abcdef@bounces.example.com&gt; from bounces+FA830-DK-000042.&lt;FixtureTag&gt;@), and copies
/// of them made out for another letter.
/// </summary>
public static partial class DsnFixtures
{
    public const string LetterId = "FA830-DK-000042";
    public const string SentMessageId = "<FA830-DK-000042.0123456789abcdef@bounces.example.com>";
    /// <summary>The VERP tag written in the fixtures: well-formed, but no key's tag for any letter.</summary>
    public const string FixtureTag = "fx7q2m4kzt5rw3ha";

    /// <summary>How plain-bounce.eml quotes <see cref="SentMessageId"/>: split by a quoted-printable soft line break.</summary>
    private const string QuotedPrintableSentMessageId = "<FA830-DK-000042.0123456789abcdef@bounces.example=\n.com>";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Notices.Tests", "Confirmations", "Fixtures");

    public static string SamplesFolder => Path.Combine(RepoPaths.Root, "tests", "Notices.Tests", "Confirmations", "Samples");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    /// <summary>
    /// The fixture rewritten for <paramref name="letterId"/> (VERP address with <paramref name="tag"/>, original
    /// Message-ID) and given its own Message-ID <paramref name="reportId"/>, so that each copy is a distinct report.
    /// A null <paramref name="tag"/> leaves the address unsigned (bounces+&lt;letter-id&gt;@).
    /// </summary>
    public static string For(string name, string letterId, string? tag, string sentMessageId, string reportId)
    {
        var text = Text(name).Replace(SentMessageId, sentMessageId, StringComparison.Ordinal)
            .Replace(QuotedPrintableSentMessageId, sentMessageId, StringComparison.Ordinal)
            .Replace("." + FixtureTag + "@", tag is null ? "@" : "." + tag + "@", StringComparison.Ordinal);
        text = text.Replace(LetterId, letterId, StringComparison.Ordinal)
            .Replace(LetterId.ToLowerInvariant(), letterId.ToLowerInvariant(), StringComparison.Ordinal);
        return OwnMessageId().Replace(text, "${name}: " + reportId, 1);
    }

    [GeneratedRegex(@"^(?<name>Message-I[dD]):[^\r\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex OwnMessageId();
}
