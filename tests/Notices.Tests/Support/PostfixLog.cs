using System.Diagnostics;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// Reads the test Postfix's log, <c>/var/log/postfix-notices.log</c> (its own postlogd writes it; see
/// scripts/postfix-test-setup.sh). Ties a message to Postfix's queue id through cleanup's line
/// <c>postfix-notices-test/cleanup[pid]: 4F3A2B1C0D: message-id=&lt;…&gt;</c>, and a queue id to the TLS handshake of
/// the smtpd session that received it.
/// </summary>
/// <remarks>
/// The log is shared by every run on the machine, and a letter keeps its Message-ID when it is sent again, so one
/// Message-ID may have several queue ids: take a <see cref="Mark"/> before sending to look only at what came after.
/// </remarks>
public static class PostfixLog
{
    public const string Path = "/var/log/postfix-notices.log";

    private const string Prefix = "postfix-notices-test/";

    private static readonly TimeSpan s_defaultWait = TimeSpan.FromSeconds(10);

    /// <summary>The log's current length: pass it as <c>since</c> to ignore everything logged before now.</summary>
    public static long Mark() => File.Exists(Path) ? new FileInfo(Path).Length : 0;

    /// <summary>
    /// The queue id Postfix gave the message with this Message-ID (angle brackets optional), the latest when it was
    /// queued more than once since <paramref name="since"/>. Waits up to <paramref name="timeout"/> (10 s) for the line.
    /// </summary>
    /// <exception cref="TimeoutException">No cleanup line names this Message-ID in time.</exception>
    public static string QueueIdFor(string messageId, long since = 0, TimeSpan? timeout = null)
    {
        var found = QueueIdsFor([messageId], since, timeout);
        return found[Bracketed(messageId)][^1];
    }

    /// <summary>
    /// For each Message-ID, every queue id it got since <paramref name="since"/>, oldest first; one pass over the log,
    /// repeated until all are there. For a whole campaign, cheaper than one <see cref="QueueIdFor"/> per message.
    /// </summary>
    /// <exception cref="TimeoutException">Some Message-IDs have no cleanup line in time; the message lists a few.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> QueueIdsFor(
        IReadOnlyCollection<string> messageIds, long since = 0, TimeSpan? timeout = null)
    {
        var wanted = messageIds.Select(Bracketed).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ok = WaitUntil(() =>
        {
            found.Clear();
            foreach (var line in Lines(since))
            {
                if (CleanupLine(line) is var (queueId, messageId) && wanted.Contains(messageId))
                {
                    (found.TryGetValue(messageId, out var ids) ? ids : found[messageId] = []).Add(queueId);
                }
            }

            return found.Count == wanted.Count;
        }, timeout ?? s_defaultWait);
        if (!ok)
        {
            var missing = wanted.Where(m => !found.ContainsKey(m)).Take(3);
            throw new TimeoutException(
                $"{Path}: no cleanup line for {wanted.Count - found.Count} of {wanted.Count} Message-ID(s), e.g. {string.Join(", ", missing)}.");
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The smtpd line "… TLS connection established from …" (protocol and cipher) of the session that received
    /// <paramref name="queueId"/>, or null when that session was plain. Waits for the queue id's <c>client=</c> line.
    /// </summary>
    /// <exception cref="TimeoutException">The queue id has no smtpd <c>client=</c> line in time.</exception>
    public static string? TlsLineFor(string queueId, long since = 0, TimeSpan? timeout = null)
    {
        string? tls = null;
        var ok = WaitUntil(() =>
        {
            var lines = Lines(since);
            var at = lines.FindLastIndex(l => l.Contains($"]: {queueId}: client=", StringComparison.Ordinal)
                && ProcessOf(l) is { } p && p.StartsWith("smtpd[", StringComparison.Ordinal));
            if (at < 0)
            {
                return false;
            }

            // Walk back through the same smtpd process to the start of its session.
            var process = ProcessOf(lines[at])!;
            tls = null;
            for (var i = at - 1; i >= 0; i--)
            {
                if (ProcessOf(lines[i]) != process)
                {
                    continue;
                }

                if (lines[i].Contains(" TLS connection established from ", StringComparison.Ordinal))
                {
                    tls = lines[i];
                }

                if (lines[i].Contains("]: connect from ", StringComparison.Ordinal))
                {
                    break;
                }
            }

            return true;
        }, timeout ?? s_defaultWait);
        return ok ? tls : throw new TimeoutException($"{Path}: no smtpd line '{queueId}: client=' in time.");
    }

    /// <summary>True when the smtpd session that received <paramref name="queueId"/> ran over TLS.</summary>
    public static bool TlsLoggedFor(string queueId, long since = 0, TimeSpan? timeout = null) =>
        TlsLineFor(queueId, since, timeout) is not null;

    /// <summary>"4F3A2B1C0D" and "&lt;id@host&gt;" from a cleanup line, or null for any other line.</summary>
    private static (string QueueId, string MessageId)? CleanupLine(string line)
    {
        if (ProcessOf(line) is not { } process || !process.StartsWith("cleanup[", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = line[(line.IndexOf(process, StringComparison.Ordinal) + process.Length + 2)..];
        const string Tag = ": message-id=";
        var tag = rest.IndexOf(Tag, StringComparison.Ordinal);
        return tag > 0 ? (rest[..tag], rest[(tag + Tag.Length)..].Trim()) : null;
    }

    /// <summary>"smtpd[1234]" from "… postfix-notices-test/smtpd[1234]: …", or null.</summary>
    private static string? ProcessOf(string line)
    {
        var start = line.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Prefix.Length;
        var end = line.IndexOf("]: ", start, StringComparison.Ordinal);
        return end < 0 ? null : line[start..(end + 1)];
    }

    private static string Bracketed(string messageId)
    {
        var trimmed = messageId.Trim();
        return trimmed.StartsWith('<') ? trimmed : "<" + trimmed + ">";
    }

    private static List<string> Lines(long since)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        // postlogd keeps the file open for appending: share it, and drop a half-written last line.
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(since, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var complete = text.LastIndexOf('\n');
        return complete < 0 ? [] : text[..complete].Split('\n').ToList();
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed >= timeout)
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }
}
