using System.Diagnostics;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>
/// Regressions from the hostile review: nothing is delivered on top of a ledger that does not verify, a resend in
/// pickup mode writes the message instead of pretending, and a second notice with the same reference is refused.
/// </summary>
public sealed class TamperedStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TamperedStoreTests()
    {
        var (patients, devices) = SmtpCampaignData.Write(_dir.Path, 40);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", patients, "--devices", devices, "--db", "s.db").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Send = ["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21", "--batch-size", "4"];

    private string Print => Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "print");

    [Theory]
    [InlineData("DELETE FROM ledger WHERE Kind = 'BatchSealed' AND Seq = (SELECT MIN(Seq) FROM ledger WHERE Kind = 'BatchSealed')")]
    [InlineData("DELETE FROM ledger; DELETE FROM ledger_head; UPDATE letters SET PdfSha256 = NULL, PdfPath = NULL")]
    [InlineData("DELETE FROM ledger WHERE Kind = 'EmailWritten' AND Seq = (SELECT MAX(Seq) FROM ledger WHERE Kind = 'EmailWritten')")]
    public void Send_refuses_to_act_on_a_ledger_that_does_not_verify(string tamper)
    {
        Assert.Equal(0, CliRunner.Run(_dir.Path, Send).ExitCode);
        var batches = Directory.GetFiles(Print, "batch-*").Order(StringComparer.Ordinal).ToList();
        var emails = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email")).Select(File.GetLastWriteTimeUtc).ToList();
        Sqlite(tamper);

        var again = CliRunner.Run(_dir.Path, Send);

        Assert.True(again.ExitCode == 1, again.All);
        Assert.Contains("the ledger does not verify", again.StdErr, StringComparison.Ordinal);
        Assert.Contains("send did nothing", again.StdErr, StringComparison.Ordinal);
        Assert.Equal(batches, Directory.GetFiles(Print, "batch-*").Order(StringComparer.Ordinal).ToList());
        Assert.Equal(emails, Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email")).Select(File.GetLastWriteTimeUtc).ToList());
        Assert.NotEqual(0, CliRunner.Run(_dir.Path, "verify", "--db", "s.db").ExitCode);
    }

    [Fact]
    public void A_resend_of_uncertain_smtp_letters_in_pickup_mode_writes_each_message_with_its_recorded_id()
    {
        // An SMTP intent with no outcome: what a run killed mid-hand-over leaves.
        Assert.Equal(0, CliRunner.Run(_dir.Path, Send).ExitCode);
        var letter = "FA830-DK-000001";
        var eml = Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email", letter + ".eml");
        var messageId = File.ReadLines(eml).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();
        File.Delete(eml);
        using (var db = Notices.Store.StoreSchema.OpenExisting(Path.Combine(_dir.Path, "s.db")))
        using (var writer = new Notices.Ledger.LedgerWriter(db))
        {
            writer.Append("fa830-minimed-dk", letter, "P0001",
                new Notices.Model.EmailSending(messageId, Notices.Model.EmailTransport.Smtp, "00"));
        }

        var held = CliRunner.Run(_dir.Path, Send);
        Assert.True(held.ExitCode == 3, held.All);
        Assert.False(File.Exists(eml));

        var resent = CliRunner.Run(_dir.Path, [.. Send, "--resend-uncertain"]);

        Assert.True(resent.ExitCode == 0, resent.All);
        Assert.True(File.Exists(eml), "the resend must really write the message");
        Assert.Contains("Message-ID: " + messageId, File.ReadAllText(eml), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_second_notice_with_the_same_reference_is_refused_before_anything_is_recorded()
    {
        Assert.Equal(0, CliRunner.Run(_dir.Path, Send).ExitCode);
        var copy = Path.Combine(_dir.Path, "followup");
        CopyDirectory(RepoPaths.SampleNotice, copy);
        var yaml = Path.Combine(copy, "notice.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("id: fa830-minimed-dk", "id: fa830-followup", StringComparison.Ordinal));
        var rows = Sqlite("SELECT COUNT(*) FROM ledger");

        var plan = CliRunner.Run(_dir.Path, "plan", copy, "--db", "s.db");
        var send = CliRunner.Run(_dir.Path, "send", "--unapproved", copy, "--db", "s.db", "--out", "out");

        Assert.True(plan.ExitCode == 2, plan.All);
        Assert.True(send.ExitCode == 2, send.All);
        Assert.Contains("reference 'FA830' is already used by campaign 'fa830-minimed-dk'", send.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, Sqlite("SELECT COUNT(*) FROM ledger"));
        Assert.Equal(0, CliRunner.Run(_dir.Path, "verify", "--db", "s.db").ExitCode);
    }

    private string Sqlite(string sql)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var info = new ProcessStartInfo("sqlite3", [Path.Combine(_dir.Path, "s.db"), sql]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
