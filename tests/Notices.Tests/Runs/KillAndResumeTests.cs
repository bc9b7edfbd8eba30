using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Runs;

/// <summary>
/// The kill test: a campaign of more than 1,000 letters, mixed email (through the real Postfix) and post. Two sends
/// start at once, then the run is SIGKILLed at random points at least ten times and restarted each time, then it
/// finishes. Every affected patient must end in exactly one final state, the Maildir may hold a second copy only of a
/// letter the ledger shows as uncertain and re-sent (with the same Message-ID), no letter may be in two batch PDFs
/// (read from the PDFs' text), and verify must pass.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed partial class KillAndResumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Patients = 1050;
    private const int Kills = 12;
    private readonly SmtpCampaignWorkspace _workspace = new(Patients);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Two_sends_at_once_then_twelve_SIGKILLs_lose_nothing_and_duplicate_nothing_silently()
    {
        var random = new Random(8);
        var args = SmtpCampaignWorkspace.SendArgs(PostfixServer.SmtpUrl, "--batch-size", "100", "--connections", "4");

        // Two operators (or cron and an operator) start the same campaign at once: exactly one runs.
        var kills = 0;
        using (var first = CliRunner.Start(_workspace.Path, null, args))
        using (var second = CliRunner.Start(_workspace.Path, null, args))
        {
            var (busy, running) = WaitForOneToRefuse(first, second);
            Assert.True(busy.ExitCode == 2, busy.All);
            Assert.Contains("in use by another run", busy.StdErr, StringComparison.Ordinal);
            Assert.Matches(@"pid \d+, started", busy.StdErr);
            KillAtRandomPoint(running, random);
            kills++;
        }

        for (; kills < Kills; kills++)
        {
            using var run = CliRunner.Start(_workspace.Path, null, args);
            KillAtRandomPoint(run, random);
        }

        // Resume without --resend-uncertain: uncertain letters are held back and counted, nothing else is left.
        var resumed = CliRunner.Run(_workspace.Path, args);
        var uncertain = Count(LetterDeliveryState.Uncertain);
        if (uncertain > 0)
        {
            Assert.True(resumed.ExitCode == 3, resumed.All);
            Assert.Contains("uncertain", resumed.StdErr, StringComparison.Ordinal);
        }

        Assert.Equal(0, Count(LetterDeliveryState.Pending));

        // Delivery reports settle the uncertain letters that did reach the server before the kill.
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(120));
        var import = _workspace.Run("dsn", "import", "--maildir", PostfixServer.BouncesMaildir, "--db", "s.db", "--out", "out");
        Assert.True(import.ExitCode == 0, import.All);
        var stillUncertain = Count(LetterDeliveryState.Uncertain);
        Assert.InRange(stillUncertain, 0, uncertain);

        // Then the operator re-sends the rest with their recorded Message-ID.
        var resend = CliRunner.Run(_workspace.Path, [.. args, "--resend-uncertain"]);
        Assert.True(resend.ExitCode == 0, resend.All);
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(120));

        var projection = Project();
        Assert.Equal(Patients, projection.Total);
        Assert.All(projection.Letters, l => Assert.Contains(l.State, new[] { LetterDeliveryState.Sent, LetterDeliveryState.Printed }));
        Assert.Empty(projection.WithAnomalies);
        var resent = projection.Letters.Count(l => l.HandOvers > 1);

        var duplicates = AssertMaildirHoldsNoSilentDuplicate(projection);
        AssertNoLetterInTwoBatchPdfs(projection);
        var verify = _workspace.Run("verify", "--db", "s.db");
        Assert.True(verify.ExitCode == 0, verify.All);

        var counts = $"kill test: {Patients} letters, {kills} SIGKILLs (plus one refused concurrent send), uncertain {uncertain}, "
            + $"settled by delivery reports {uncertain - stillUncertain}, re-sent {resent}, duplicate messages in the Maildir {duplicates}";
        output.WriteLine(counts);
        Console.WriteLine(counts);
    }

    private static (CliRunner.Result Busy, CliRunner.Running Running) WaitForOneToRefuse(CliRunner.Running a, CliRunner.Running b)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (a.HasExited)
            {
                return (a.Wait(TimeSpan.FromSeconds(5)), b);
            }

            if (b.HasExited)
            {
                return (b.Wait(TimeSpan.FromSeconds(5)), a);
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException("neither of two concurrent sends exited");
    }

    /// <summary>Waits until the ledger has grown by a random number of rows (so the kill lands mid-work), then SIGKILLs.</summary>
    private void KillAtRandomPoint(CliRunner.Running run, Random random)
    {
        var start = LedgerRows();
        var target = start + random.Next(20, 700);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!run.HasExited && LedgerRows() < target && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(random.Next(5, 40));
        }

        run.Dispose(); // Process.Kill: SIGKILL on Linux
    }

    private long LedgerRows()
    {
        try
        {
            return long.Parse(_workspace.Scalar("SELECT COUNT(*) FROM ledger"), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the store or table is not there yet
        }
    }

    private CampaignProjection Project()
    {
        var options = new DbContextOptionsBuilder<NoticesDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_workspace.Path, "s.db")};Pooling=False").Options;
        using var db = new NoticesDbContext(options);
        return LetterStateProjector.Project(db, "fa830-minimed-dk");
    }

    private int Count(LetterDeliveryState state) => Project().Counts[state];

    /// <summary>Messages per letter (from the Message-ID, which names the letter). More than one only for a letter re-sent as uncertain, always with one Message-ID.</summary>
    private static int AssertMaildirHoldsNoSilentDuplicate(CampaignProjection projection)
    {
        var byLetter = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in PostfixServer.MessageFiles(PostfixServer.PatientsMaildir))
        {
            var messageId = HeaderValue(File.ReadLines(file), "Message-ID");
            var letterId = LetterIdPattern().Match(messageId).Value;
            Assert.False(string.IsNullOrEmpty(letterId), $"no letter id in Message-ID '{messageId}' of {file}");
            if (!byLetter.TryGetValue(letterId, out var ids))
            {
                byLetter[letterId] = ids = [];
            }

            ids.Add(messageId);
        }

        var statuses = projection.Letters.ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var (letterId, ids) in byLetter)
        {
            Assert.Single(ids.Distinct(StringComparer.Ordinal));
            if (ids.Count > 1)
            {
                duplicates += ids.Count - 1;
                Assert.True(statuses[letterId].HandOvers > 1, $"{letterId} arrived {ids.Count} times but the ledger shows one hand-over");
            }
        }

        // Every letter the ledger counts as emailed and delivered by Postfix is in the Maildir.
        var emailed = projection.Letters.Count(l => l.State == LetterDeliveryState.Sent);
        Assert.True(byLetter.Count >= emailed - 1, $"{byLetter.Count} letters in the Maildir, {emailed} sent"); // the bouncing address never arrives
        return duplicates;
    }

    /// <summary>Reads every batch PDF's text (each page's footer names its letter): a letter appears in at most one batch.</summary>
    private void AssertNoLetterInTwoBatchPdfs(CampaignProjection projection)
    {
        var print = Path.Combine(_workspace.Path, "out", projection.CampaignId, "print");
        var batchesOfLetter = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var pdf in Directory.EnumerateFiles(print, "batch-*.pdf"))
        {
            foreach (Match match in LetterIdPattern().Matches(Poppler.RawText(pdf)))
            {
                if (!batchesOfLetter.TryGetValue(match.Value, out var batches))
                {
                    batchesOfLetter[match.Value] = batches = new HashSet<string>(StringComparer.Ordinal);
                }

                batches.Add(Path.GetFileName(pdf));
            }
        }

        Assert.All(batchesOfLetter, pair => Assert.True(pair.Value.Count == 1, $"{pair.Key} is in {string.Join(", ", pair.Value)}"));
        var printed = projection.Letters.Where(l => l.State == LetterDeliveryState.Printed).Select(l => l.LetterId).ToList();
        Assert.All(printed, id => Assert.True(batchesOfLetter.ContainsKey(id), $"{id} is printed by the ledger but in no batch PDF"));
        Assert.Equal(printed.Count, batchesOfLetter.Count);
    }

    private static string HeaderValue(IEnumerable<string> lines, string name)
    {
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return "";
    }

    [GeneratedRegex(@"FA830-DK-\d{6}", RegexOptions.CultureInvariant)]
    private static partial Regex LetterIdPattern();
}
