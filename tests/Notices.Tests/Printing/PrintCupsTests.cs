using System.Globalization;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Printing;

/// <summary>Printing through the real test CUPS (cups-pdf queue): jobs, their outcome in the ledger, and the PDFs written.</summary>
[Collection(CupsCollection.Name)]
public sealed class PrintCupsTests
{
    private static readonly TimeSpan PdfWait = TimeSpan.FromSeconds(30);

    [Fact]
    public void Stopped_queue_prints_nothing_then_enabled_queue_prints_every_batch_once_and_batch_N_again()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 2);
        Assert.True(File.Exists(ws.BatchFile(2)), "two batches expected from three post letters in batches of two");
        var hashBefore = Sha(ws.BatchFile(1));

        CupsServer.Disable("paper jam in tray 2");
        CliRunner.Result stopped;
        try
        {
            stopped = ws.Print();
        }
        finally
        {
            CupsServer.Enable();
        }

        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains($"queue '{CupsServer.Queue}' is stopped", stopped.StdErr, StringComparison.Ordinal);
        Assert.Contains("paper jam in tray 2", stopped.StdErr, StringComparison.Ordinal);
        Assert.Empty(ws.PrintEvents());
        Assert.Equal(hashBefore, Sha(ws.BatchFile(1)));

        var printed = ws.Print();
        Assert.True(printed.ExitCode == 0, printed.All);
        var events = ws.PrintEvents();
        Assert.Equal(["PrintCompleted", "PrintCompleted", "PrintSubmitted", "PrintSubmitted"], events.Select(e => e.Kind).Order(StringComparer.Ordinal));
        foreach (var batch in new[] { 1, 2 })
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"batch-{batch:D4}.pdf");
            var submitted = Assert.Single(events, e => e.Kind == "PrintSubmitted" && e.Detail["batch"] == name).Detail;
            var completed = Assert.Single(events, e => e.Kind == "PrintCompleted" && e.Detail["batch"] == name).Detail;
            Assert.Equal(submitted["job"], completed["job"]);
            Assert.Equal(CupsServer.Queue, submitted["queue"]);
            Assert.Equal("two-sided-long-edge", submitted["sides"]);
            Assert.StartsWith("FA830 " + System.IO.Path.GetFileNameWithoutExtension(name) + " [", submitted["title"], StringComparison.Ordinal);
            var pdf = CupsServer.PdfOfJob(int.Parse(submitted["job"], CultureInfo.InvariantCulture), PdfWait);
            Assert.True(pdf is not null, $"cups-pdf wrote no PDF for job {submitted["job"]}");
            Assert.Equal(Poppler.Pages(ws.BatchFile(batch)), Poppler.Pages(pdf!));
            Assert.Contains("job " + submitted["job"], printed.StdOut, StringComparison.Ordinal);
        }

        // Printed means printed: a second run submits nothing.
        var again = ws.Print();
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("this run submitted 0", again.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, ws.PrintEvents().Count);

        // Unless asked: --batch 1 prints batch 1 again, and the ledger shows both jobs.
        var reprint = ws.Print("--batch", "1", "--simplex");
        Assert.True(reprint.ExitCode == 0, reprint.All);
        var jobs = ws.PrintEvents().Where(e => e.Kind == "PrintSubmitted" && e.Detail["batch"] == "batch-0001.pdf").ToList();
        Assert.Equal(2, jobs.Count);
        Assert.NotEqual(jobs[0].Detail["job"], jobs[1].Detail["job"]);
        Assert.Equal("true", jobs[1].Detail["reprint"]);
        Assert.Equal("one-sided", jobs[1].Detail["sides"]);
        Assert.Single(ws.PrintEvents(), e => e.Kind == "PrintCompleted" && e.Detail["job"] == jobs[1].Detail["job"]);
        Assert.Equal(0, ws.Verify().ExitCode);
    }

    [Fact]
    public void Rejecting_missing_or_unreachable_queue_gives_exit_3_and_records_nothing()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 10);

        CupsServer.Reject();
        CliRunner.Result rejecting;
        try
        {
            rejecting = ws.Print();
        }
        finally
        {
            CupsServer.Accept();
        }

        var missing = ws.Run("print", PrintWorkspace.Campaign, "--printer", "no-such-queue", "--db", "s.db", "--out", "out");
        var unreachable = ws.RunWith(new Dictionary<string, string> { ["CUPS_SERVER"] = "127.0.0.1:6639" }, PrintWorkspace.PrintArgs());
        var unknownBatch = ws.Print("--batch", "7");
        var unknownCampaign = ws.Run("print", "no-such-campaign", "--printer", CupsServer.Queue, "--db", "s.db");
        var badServer = ws.RunWith(new Dictionary<string, string> { ["CUPS_SERVER"] = "/run/cups/cups.sock" }, PrintWorkspace.PrintArgs());

        Assert.Equal(3, rejecting.ExitCode);
        Assert.Contains($"queue '{CupsServer.Queue}'", rejecting.StdErr, StringComparison.Ordinal);
        Assert.Contains("not accepting jobs", rejecting.StdErr, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no queue 'no-such-queue'", missing.StdErr, StringComparison.Ordinal);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("127.0.0.1:6639 is not reachable", unreachable.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, unknownBatch.ExitCode);
        Assert.Contains("no sealed batch 7", unknownBatch.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, unknownCampaign.ExitCode);
        Assert.Equal(2, badServer.ExitCode);
        Assert.Contains("CUPS_SERVER", badServer.StdErr, StringComparison.Ordinal);
        foreach (var r in new[] { rejecting, missing, unreachable, unknownBatch, unknownCampaign, badServer })
        {
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
            Assert.Equal(1, r.StdErr.Split('\n').Count(l => l.StartsWith("fejl:", StringComparison.Ordinal)));
        }

        Assert.Empty(ws.PrintEvents());
        Assert.True(File.Exists(ws.BatchFile(1)));
        Assert.Equal(0, ws.Verify().ExitCode);
    }

    [Fact]
    public void Job_not_done_by_the_timeout_stays_submitted_and_the_next_run_follows_it_up_without_printing_again()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 10);

        var first = ws.Print("--print-timeout", "0");
        Assert.Equal(3, first.ExitCode);
        Assert.Contains("stays submitted", first.StdOut, StringComparison.Ordinal);
        var submitted = Assert.Single(ws.PrintEvents());
        Assert.Equal("PrintSubmitted", submitted.Kind);
        var job = submitted.Detail["job"];

        var second = ws.Print();
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("this run submitted 0, completed 1", second.StdOut, StringComparison.Ordinal);
        var events = ws.PrintEvents();
        Assert.Equal(["PrintSubmitted", "PrintCompleted"], events.Select(e => e.Kind));
        Assert.Equal(job, events[1].Detail["job"]);
        Assert.NotNull(CupsServer.PdfOfJob(int.Parse(job, CultureInfo.InvariantCulture), PdfWait));
        var title = submitted.Detail["title"];
        Assert.Single(CupsServer.JobList().Split('\n'), l => l.StartsWith(CupsServer.Queue + "-" + job + " ", StringComparison.Ordinal));
        Assert.NotEmpty(title);
    }

    [Fact]
    public void Job_a_killed_run_handed_to_CUPS_without_recording_it_is_found_by_its_title_and_not_printed_again()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 10);
        // What CUPS holds after a run was killed between Print-Job and PrintSubmitted: a job titled with the token of
        // the batch's first attempt (the BatchSealed row's hash), and no record of it in the ledger.
        var sealHash = ws.Scalar("SELECT Hash FROM ledger WHERE Kind = 'BatchSealed' ORDER BY Seq LIMIT 1");
        var orphan = CupsServer.SubmitWithLp(ws.BatchFile(1), $"FA830 batch-0001 [{sealHash[..10]}.1]");

        var run = ws.Print();

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("found again", run.StdOut, StringComparison.Ordinal);
        var events = ws.PrintEvents();
        Assert.Equal(["PrintSubmitted", "PrintCompleted"], events.Select(e => e.Kind));
        Assert.Equal(orphan.ToString(CultureInfo.InvariantCulture), events[0].Detail["job"]);
        Assert.Equal(orphan.ToString(CultureInfo.InvariantCulture), events[1].Detail["job"]);
    }

    [Fact]
    public void Run_killed_with_SIGKILL_while_following_its_job_is_resumed_by_following_that_job_not_printing_again()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 10);
        using (var running = CliRunner.Start(ws.Path, CupsServer.Environment, PrintWorkspace.PrintArgs()))
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (ws.PrintEvents().Count == 0 && !running.HasExited && DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }
        } // Dispose kills it (SIGKILL) while it polls CUPS for the job.

        var submitted = Assert.Single(ws.PrintEvents());
        Assert.Equal("PrintSubmitted", submitted.Kind);

        var resumed = ws.Print();

        Assert.True(resumed.ExitCode == 0, resumed.All);
        var events = ws.PrintEvents();
        Assert.Equal(["PrintSubmitted", "PrintCompleted"], events.Select(e => e.Kind));
        Assert.Equal(submitted.Detail["job"], events[1].Detail["job"]);
        Assert.Equal(0, ws.Verify().ExitCode);
    }

    [Fact]
    public void Canceled_job_is_recorded_as_failed_with_CUPS_state_and_the_next_run_prints_the_batch_again()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 10);
        Assert.Equal(3, ws.Print("--print-timeout", "0").ExitCode);
        var first = int.Parse(Assert.Single(ws.PrintEvents()).Detail["job"], CultureInfo.InvariantCulture);
        // cups-pdf needs seconds for a batch (filters, then Ghostscript); the operator cancels it before then.
        CupsServer.Cancel(first);

        var followUp = ws.Print();
        var again = ws.Print();

        Assert.Equal(3, followUp.ExitCode);
        Assert.Contains("canceled", followUp.StdOut, StringComparison.Ordinal);
        Assert.Contains("this run submitted 0", followUp.StdOut, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.All);
        var events = ws.PrintEvents();
        Assert.Equal(["PrintSubmitted", "PrintFailed", "PrintSubmitted", "PrintCompleted"], events.Select(e => e.Kind));
        Assert.Equal("canceled", events[1].Detail["state"]);
        Assert.Contains("canceled", events[1].Detail["reason"], StringComparison.Ordinal);
        Assert.NotEqual(events[0].Detail["job"], events[2].Detail["job"]);
        Assert.Equal("false", events[2].Detail["reprint"]);
        Assert.Equal(0, ws.Verify().ExitCode);
    }

    [Fact]
    public void Changed_or_missing_batch_file_is_refused_by_name_and_nothing_is_printed()
    {
        using var ws = new PrintWorkspace();
        ws.Send(batchSize: 2);
        File.AppendAllText(ws.BatchFile(2), "%tampered");
        var changed = ws.Print();
        File.Delete(ws.BatchFile(2));
        var missing = ws.Print();

        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("batch-0002.pdf has changed since it was sealed", changed.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("batch-0002.pdf is missing", missing.StdErr, StringComparison.Ordinal);
        Assert.Empty(ws.PrintEvents());
    }

    [Fact]
    public void Send_with_printer_delivers_then_prints_every_sealed_batch()
    {
        using var ws = new PrintWorkspace();
        var send = ws.Send(2, "--printer", CupsServer.Queue, "--print-timeout", "3m", "--simplex");

        Assert.True(send.ExitCode == 0, send.All);
        var events = ws.PrintEvents();
        Assert.Equal(2, events.Count(e => e.Kind == "PrintSubmitted" && e.Detail["sides"] == "one-sided"));
        Assert.Equal(2, events.Count(e => e.Kind == "PrintCompleted"));
        Assert.Contains("2 batches, 2 printed", send.StdOut, StringComparison.Ordinal);
        var again = ws.Send(2, "--printer", CupsServer.Queue);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal(4, ws.PrintEvents().Count);
    }

    private static string Sha(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
