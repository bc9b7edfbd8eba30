using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>
/// Pickup mode under SIGKILL, with an "MTA" that collects every .eml file the moment it appears: each email letter is
/// collected exactly once, with one Message-ID, and the run lock dies with the killed process.
/// </summary>
public sealed partial class PickupKillTests : IDisposable
{
    private const int Patients = 300;
    private readonly TempDirectory _dir = new();

    public PickupKillTests()
    {
        var (patients, devices) = SmtpCampaignData.Write(_dir.Path, Patients);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", patients, "--devices", devices, "--db", "s.db").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Send =
        ["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21", "--batch-size", "40"];

    [Fact]
    public async Task Killed_runs_hand_each_email_to_a_collecting_MTA_exactly_once_with_one_Message_ID()
    {
        var pickup = Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email");
        var collected = Path.Combine(_dir.Path, "collected");
        Directory.CreateDirectory(pickup);
        Directory.CreateDirectory(collected);
        using var stop = new CancellationTokenSource();
        var n = 0;
        var mta = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var file in Directory.EnumerateFiles(pickup, "*.eml"))
                {
                    try
                    {
                        File.Move(file, Path.Combine(collected, (++n).ToString("D6", CultureInfo.InvariantCulture) + ".eml"));
                    }
                    catch (IOException)
                    {
                        // Replaced under us; the next pass takes it.
                    }
                }

                Thread.Sleep(2);
            }
        });

        var random = new Random(3);
        for (var kill = 0; kill < 6; kill++)
        {
            using var run = CliRunner.Start(_dir.Path, null, Send);
            var target = LedgerRows() + random.Next(10, 250);
            while (!run.HasExited && LedgerRows() < target)
            {
                Thread.Sleep(random.Next(2, 20));
            }
        }

        var last = CliRunner.Run(_dir.Path, Send);
        Assert.True(last.ExitCode == 0, last.All);
        Thread.Sleep(200);
        await stop.CancelAsync();
        await mta;

        var messageIds = Directory.EnumerateFiles(collected)
            .Select(f => File.ReadLines(f).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim())
            .ToList();
        var byLetter = messageIds.GroupBy(id => LetterId().Match(id).Value).ToList();
        var emailLetters = Enumerable.Range(1, Patients).Count(SmtpCampaignData.HasEmail);
        Assert.Equal(emailLetters, byLetter.Count);
        Assert.All(byLetter, g => Assert.True(g.Count() == 1, $"{g.Key} was collected {g.Count()} times"));

        // The ledger's intents and the written events name the same one Message-ID per letter.
        Assert.Equal("0", Scalar(
            "SELECT COUNT(*) FROM (SELECT LetterId FROM ledger WHERE Kind IN ('EmailSending','EmailWritten') " +
            "GROUP BY LetterId HAVING COUNT(DISTINCT json_extract(Detail, '$.message_id')) > 1)"));
        var verify = CliRunner.Run(_dir.Path, "verify", "--db", "s.db");
        Assert.True(verify.ExitCode == 0, verify.All);
    }

    [Fact]
    public void A_second_send_is_refused_while_one_runs_and_the_lock_dies_with_a_killed_run()
    {
        using (var first = CliRunner.Start(_dir.Path, null, Send))
        {
            while (!first.HasExited && LedgerRows() == 0)
            {
                Thread.Sleep(10);
            }

            var second = CliRunner.Run(_dir.Path, Send);
            Assert.Equal(2, second.ExitCode);
            Assert.Matches(@"fejl: campaign 'fa830-minimed-dk' is in use by another run \(notices send \(pid \d+, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", second.StdErr);
            Assert.DoesNotContain("   at ", second.All, StringComparison.Ordinal);
        }

        // The first run was SIGKILLed on dispose: its lock went with it.
        var resumed = CliRunner.Run(_dir.Path, Send);
        Assert.True(resumed.ExitCode == 0, resumed.All);
    }

    private long LedgerRows()
    {
        try
        {
            return long.Parse(Scalar("SELECT COUNT(*) FROM ledger"), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "s.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    [GeneratedRegex(@"FA830-DK-\d{6}", RegexOptions.CultureInvariant)]
    private static partial Regex LetterId();
}
