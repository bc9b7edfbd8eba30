using System.Diagnostics;
using System.Text;
using Notices.Model;
using Notices.Runs;
using Notices.Store;
using Notices.Tests.Acknowledgements;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.PostRoom;

/// <summary><c>notices returned</c> against hostile input, big files and a second command at the same time.</summary>
public sealed class ReturnedHostileTests(AckCliFixture fixture) : IClassFixture<AckCliFixture>, IDisposable
{
    private const string Campaign = PostRoomWorkspace.Campaign;
    private readonly PostRoomWorkspace _w = new(fixture);

    public void Dispose() => _w.Dispose();

    [Fact]
    public void A_formula_in_the_reason_is_kept_as_text_and_escaped_in_report_csv()
    {
        _w.PrintAndPost();
        var id = _w.PostLetters()[0];
        const string hostile = "=HYPERLINK(\"http://evil.example/?x=1\",\"Klik her\")";
        var file = _w.WriteFile("retur.csv", new UTF8Encoding(false), $"letter_id;returned_date;reason\n{id};{{T}};\"{hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");

        var result = _w.Cli("returned", Campaign, "--file", file);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("HYPERLINK", result.All, StringComparison.Ordinal); // ids and dates only are echoed
        Assert.Equal(hostile, _w.Letter(id).Timeline.ReturnReason);
        Assert.True(_w.Cli("report", Campaign, "--out", "out").ExitCode is 0 or 3);
        var text = File.ReadAllText(_w.File("out/" + Campaign + "/report.csv"), Encoding.UTF8);
        Assert.Contains("'=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";" + hostile, text, StringComparison.Ordinal);
        Assert.DoesNotContain(";\"=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile, _w.Cli("status", Campaign).All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_file_is_refused_before_it_is_read()
    {
        _w.PrintAndPost();
        using (var stream = new FileStream(_w.File("huge.csv"), FileMode.Create))
        {
            stream.Write("letter_id;returned_date;reason\n"u8);
            stream.SetLength(65L * 1024 * 1024); // sparse: the size alone must refuse it
        }

        var rows = _w.LedgerRows();
        var watch = Stopwatch.StartNew();
        var result = _w.Cli("returned", Campaign, "--file", "huge.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("huge.csv:1: the file is larger than 64 MB", result.StdErr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), watch.Elapsed.ToString());
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void Ten_thousand_rows_are_checked_in_seconds_and_every_problem_is_counted()
    {
        _w.PrintAndPost();
        var post = _w.PostLetters();
        var builder = new StringBuilder("letter_id;returned_date;reason\n");
        for (var i = 0; i < 10_000; i++)
        {
            // The batch's letters once each, then ids no store holds.
            var id = i < post.Count ? post[i] : "FA830-DK-9" + i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(id).Append(";{T};ubekendt på adressen\n");
        }

        var file = _w.WriteFile("many.csv", new UTF8Encoding(false), builder.ToString());
        var rows = _w.LedgerRows();
        var watch = Stopwatch.StartNew();

        var result = _w.Cli("returned", Campaign, "--file", file);

        watch.Stop();
        Assert.Equal(2, result.ExitCode);
        var unknown = 10_000 - post.Count;
        Assert.Contains($"{unknown} problems in many.csv; nothing was recorded", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"… and {unknown - 1000} more problems not listed.", result.StdErr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "10k rows took " + watch.Elapsed);
        Assert.Equal(rows, _w.LedgerRows());

        // The same letters alone are recorded at once.
        var good = _w.WriteFile("good.csv", new UTF8Encoding(false),
            "letter_id;returned_date;reason\n" + string.Concat(post.Select(id => id + ";{T};flyttet\n")));
        Assert.Equal(0, _w.Cli("returned", Campaign, "--file", good).ExitCode);
        Assert.Equal(post.Count, _w.Rows(LedgerEventKind.Returned));
    }

    [Fact]
    public void While_another_post_room_command_holds_the_campaign_returned_and_batch_stop_busy()
    {
        _w.PrintAndPost();
        var id = _w.PostLetters()[0];
        var rows = _w.LedgerRows();
        using (var store = StoreSchema.OpenExisting(_w.File("s.db")))
        using (CampaignRunLock.Acquire(store, Campaign, "returned", PostRoomRun.LockScope))
        {
            var busy = _w.Cli("returned", Campaign, id, "--reason", "flyttet");
            var batch = _w.Cli("batch", "posted", Campaign, "1");

            Assert.Equal((2, 2), (busy.ExitCode, batch.ExitCode));
            Assert.Contains("in use by another run (notices returned", busy.StdErr, StringComparison.Ordinal);
            Assert.Equal(rows, _w.LedgerRows());
        }

        Assert.Equal(0, _w.Cli("returned", Campaign, id, "--reason", "flyttet").ExitCode);
    }

    [Fact]
    public void Two_returned_commands_at_once_record_the_letter_once()
    {
        _w.PrintAndPost();
        string[] ids = [.. _w.PostLetters().Take(5)];
        string[] args = ["returned", Campaign, "--file", _w.WriteFile("r.csv", new UTF8Encoding(false),
            "letter_id;returned_date;reason\n" + string.Concat(ids.Select(id => id + ";{T};flyttet\n"))), "--db", "s.db"];
        using var first = CliRunner.Start(_w.Path, null, args);
        using var second = CliRunner.Start(_w.Path, null, args);

        var results = new[] { first.Wait(TimeSpan.FromMinutes(2)), second.Wait(TimeSpan.FromMinutes(2)) };

        Assert.Single(results, r => r.ExitCode == 0);
        var loser = Assert.Single(results, r => r.ExitCode != 0);
        Assert.Equal(2, loser.ExitCode);
        Assert.True(loser.StdErr.Contains("in use by another run", StringComparison.Ordinal)
            || loser.StdErr.Contains("is already recorded as returned", StringComparison.Ordinal), loser.All);
        Assert.Equal(ids.Length, _w.Rows(LedgerEventKind.Returned));
        Assert.Equal(0, _w.Cli("verify").ExitCode);
    }

    [Fact]
    public void Mis_encoded_bytes_in_a_windows_1252_file_come_through_as_the_characters_excel_meant()
    {
        _w.PrintAndPost();
        var id = _w.PostLetters()[0];
        // Windows-1252 "æ" (0xE6) and "ø" (0xF8) with no UTF-8 anywhere: read as Windows-1252, not replaced.
        var bytes = Encoding.ASCII.GetBytes($"letter_id;returned_date;reason\n{id};{PostRoomWorkspace.Iso(PostRoomWorkspace.Today)};adressen er ")
            .Concat(new byte[] { 0xE6, 0xF8 }).Concat("\n"u8.ToArray()).ToArray();
        File.WriteAllBytes(_w.File("w.csv"), bytes);

        var result = _w.Cli("returned", Campaign, "--file", "w.csv");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("adressen er æø", _w.Letter(id).Timeline.ReturnReason);
    }
}
