using System.Diagnostics;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Sending a campaign again delivers nothing twice, and the ledger catches a hand-edited row.</summary>
public sealed class SendTwiceAndVerifyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SendTwiceAndVerifyTests()
    {
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "s.db").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_send_delivers_nothing_twice()
    {
        var first = Send();
        Assert.Equal(3, first.ExitCode); // one sample patient is unreachable
        var emlBefore = Files("email", "*.eml");
        var batchesBefore = Files("print", "batch-*.pdf");
        var ledgerBefore = Sqlite("SELECT COUNT(*) FROM ledger;");

        var second = Send();

        Assert.Equal(3, second.ExitCode);
        Assert.Matches(@"already done by an earlier run\s*│\s*33", second.StdOut);
        Assert.Matches(@"rendered in this run\s*│\s*0", second.StdOut);
        Assert.Equal(emlBefore, Files("email", "*.eml"));
        Assert.Equal(batchesBefore, Files("print", "batch-*.pdf"));
        Assert.Equal(ledgerBefore, Sqlite("SELECT COUNT(*) FROM ledger;"));
    }

    [Fact]
    public void The_letter_date_is_written_out_in_danish()
    {
        Assert.Equal(3, Send().ExitCode);
        var anyLetter = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters"), "*.pdf")[0];
        Assert.Contains("21. november 2026", Poppler.RawText(anyLetter), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_fails_after_one_ledger_row_is_edited_with_sqlite3()
    {
        Send();
        var ok = CliRunner.Run(_dir.Path, "verify", "--db", "s.db");
        Assert.Equal(0, ok.ExitCode);

        Sqlite("UPDATE ledger SET Detail = '{\"reason\":\"edited\"}' WHERE Seq = 7;");
        var tampered = CliRunner.Run(_dir.Path, "verify", "--db", "s.db");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("row 7", tampered.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_counts_every_affected_patient_in_one_state()
    {
        Send();
        var status = CliRunner.Run(_dir.Path, "status", "fa830-minimed-dk", "--db", "s.db");
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"Sent\s*│\s*18", status.StdOut);
        Assert.Matches(@"Printed\s*│\s*14", status.StdOut);
        Assert.Matches(@"Unreachable\s*│\s*1\b", status.StdOut);
        Assert.Matches(@"total\s*│\s*33", status.StdOut);

        var unknown = CliRunner.Run(_dir.Path, "status", "no-such-campaign", "--db", "s.db");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("fa830-minimed-dk", unknown.StdErr, StringComparison.Ordinal);
    }

    private CliRunner.Result Send() =>
        CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");

    private string[] Files(string sub, string pattern) =>
        Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", sub), pattern).Order(StringComparer.Ordinal).ToArray();

    private string Sqlite(string sql)
    {
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, WorkingDirectory = _dir.Path };
        info.ArgumentList.Add("s.db");
        info.ArgumentList.Add(sql);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output.Trim();
    }
}
