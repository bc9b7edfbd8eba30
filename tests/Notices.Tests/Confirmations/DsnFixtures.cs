using System.Text;
using System.Text.RegularExpressions;
using Notices.Tests.Support;

namespace Notices.Tests.Confirmations;

/// <summary>
/// The hand-written reports in Fixtures/ (all about letter FA830-DK-000042, sent as
/// &lt;FA830-DK-000042.0123456789abcdef@bounces.example.com&gt;), and copies of them made out for another letter.
/// </summary>
public static partial class DsnFixtures
{
    public const string LetterId = "FA830-DK-000042";
    public const string SentMessageId = "<FA830-DK-000042.0123456789abcdef@bounces.example.com>";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Notices.Tests", "Confirmations", "Fixtures");

    public static string SamplesFolder => Path.Combine(RepoPaths.Root, "tests", "Notices.Tests", "Confirmations", "Samples");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    /// <summary>
    /// The fixture rewritten for <paramref name="letterId"/> (VERP address, original Message-ID) and given its own
    /// Message-ID <paramref name="reportId"/>, so that each copy is a distinct report.
    /// </summary>
    public static string For(string name, string letterId, string sentMessageId, string reportId)
    {
        var text = Text(name).Replace(SentMessageId, sentMessageId, StringComparison.Ordinal);
        text = text.Replace(LetterId, letterId, StringComparison.Ordinal)
            .Replace(LetterId.ToLowerInvariant(), letterId.ToLowerInvariant(), StringComparison.Ordinal);
        return OwnMessageId().Replace(text, "${name}: " + reportId, 1);
    }

    [GeneratedRegex(@"^(?<name>Message-I[dD]):[^\r\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex OwnMessageId();
}
