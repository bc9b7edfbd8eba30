using Notices.Model;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Reminders;

/// <summary>
/// Crash safety of remind, like send's: two rounds started at once (one refuses), then the running one and its
/// successors SIGKILLed at random points, then a last run. Every due patient ends with exactly one first reminder:
/// one ReminderPlanned, one letter row, one .eml or one print batch row; nothing twice.
/// </summary>
public sealed class RemindKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Patients = 240;
    private readonly RemindWorkspace _ws = new(dir => SmtpCampaignData.Write(dir, Patients));

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Two_reminds_at_once_then_SIGKILLs_end_with_exactly_one_reminder_per_due_patient()
    {
        var send = _ws.Send();
        Assert.True(send.ExitCode == 0, send.All);
        var due = _ws.Project().Letters
            .Where(l => l.State is LetterDeliveryState.Sent or LetterDeliveryState.Printed)
            .Select(l => l.LetterId + "-R1").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Patients, due.Count);
        var args = RemindWorkspace.RemindArgs(RemindWorkspace.Today(31), "--batch-size", "50");
        var random = new Random(9);

        var kills = 0;
        using (var first = CliRunner.Start(_ws.Path, null, args))
        using (var second = CliRunner.Start(_ws.Path, null, args))
        {
            var (busy, running) = OneRefuses(first, second);
            Assert.True(busy.ExitCode == 2, busy.All);
            Assert.Contains("in use by another run", busy.StdErr, StringComparison.Ordinal);
            KillAtRandomPoint(running, random);
            kills++;
        }

        for (; kills < 5; kills++)
        {
            using var run = CliRunner.Start(_ws.Path, null, args);
            KillAtRandomPoint(run, random);
        }

        var last = _ws.Run(args);
        Assert.True(last.ExitCode == 0, last.All);

        Assert.Equal(Patients, _ws.PlannedRows(1));
        Assert.Equal(Patients, _ws.Scalar("SELECT COUNT(*) FROM letters WHERE ReminderOf IS NOT NULL"));
        Assert.Equal(due, _ws.Delivered(1)); // one .eml or one batch row each: no repeats, none missing
        var projection = _ws.Project();
        Assert.All(projection.Reminders, r => Assert.Contains(r.State, new[] { LetterDeliveryState.Sent, LetterDeliveryState.Printed }));
        Assert.All(projection.Reminders, r => Assert.True(r.HandOvers <= 1, $"{r.LetterId} handed over {r.HandOvers} times"));
        Assert.DoesNotContain(projection.Reminders, r => r.Anomalies.Count > 0);
        Assert.Equal(0, _ws.Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'ReminderPlanned' AND LetterId LIKE '%-R2'"));

        // And the round, run once more, plans nothing new.
        var again = _ws.Run(args);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal(Patients, _ws.PlannedRows(1));
        var verify = _ws.Run("verify", "--db", "s.db");
        Assert.True(verify.ExitCode == 0, verify.All);
        output.WriteLine($"remind kill test: {Patients} reminders, {kills} SIGKILLs plus one refused concurrent run");
    }

    private static (CliRunner.Result Busy, CliRunner.Running Running) OneRefuses(CliRunner.Running a, CliRunner.Running b)
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

        throw new TimeoutException("neither of two concurrent remind runs exited");
    }

    /// <summary>Waits until the ledger has grown by a random number of rows (from right after planning to mid-delivery), then SIGKILLs.</summary>
    private void KillAtRandomPoint(CliRunner.Running run, Random random)
    {
        var target = _ws.Scalar("SELECT COUNT(*) FROM ledger") + random.Next(1, 300);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!run.HasExited && _ws.Scalar("SELECT COUNT(*) FROM ledger") < target && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(random.Next(5, 30));
        }

        run.Dispose(); // SIGKILL
    }
}
