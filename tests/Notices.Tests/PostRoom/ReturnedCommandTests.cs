using System.Globalization;
using System.Text;
using Notices.Model;
using Notices.Tests.Acknowledgements;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.PostRoom;

/// <summary><c>notices returned</c> by hand and from a file, on a store made by the real import and send.</summary>
public sealed class ReturnedCommandTests(AckCliFixture fixture) : IClassFixture<AckCliFixture>, IDisposable
{
    private const string Campaign = PostRoomWorkspace.Campaign;
    private readonly PostRoomWorkspace _w = new(fixture);

    public void Dispose() => _w.Dispose();

    [Fact]
    public void By_hand_the_letter_becomes_returned_and_counts_as_not_reached()
    {
        _w.PrintAndPost();
        var id = _w.PostLetters()[0];
        var reachedBefore = ReachedIn(_w.Cli("status", Campaign).StdOut);
        var rows = _w.LedgerRows();

        var result = _w.Cli("returned", Campaign, id.ToLowerInvariant(), "--reason", "ubekendt på adressen",
            "--date", PostRoomWorkspace.Today.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Recorded 1 returned letter", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(rows + 1, _w.LedgerRows());
        var letter = _w.Letter(id);
        Assert.Equal((LetterState.Returned, LetterDeliveryState.Failed), (letter.Stage, letter.Reach));
        Assert.Equal(("ubekendt på adressen", PostRoomWorkspace.Today), (letter.Timeline.ReturnReason, letter.Timeline.ReturnedOn));
        var status = _w.Cli("status", Campaign);
        Assert.Equal(reachedBefore - 1, ReachedIn(status.StdOut));
        Assert.Matches(@"returned \(not reached\)\s*│\s*1\b", status.StdOut);
        Assert.Equal(0, _w.Cli("verify").ExitCode);

        var report = _w.Cli("report", Campaign, "--out", "out");
        Assert.True(report.ExitCode is 0 or 3, report.All);
        var csv = File.ReadAllLines(_w.File("out/" + Campaign + "/report.csv"));
        var header = csv[0].TrimStart('\uFEFF').Split(';');
        var row = csv.Single(l => l.StartsWith(id + ";", StringComparison.Ordinal)).Split(';');
        Assert.Equal(PostRoomWorkspace.Iso(PostRoomWorkspace.Today), row[Array.IndexOf(header, "returned_on")]);
        Assert.Equal(PostRoomWorkspace.Iso(PostRoomWorkspace.Today), row[Array.IndexOf(header, "posted_on")]);
        Assert.Equal("ubekendt på adressen", row[Array.IndexOf(header, "return_reason")]);
        Assert.Equal("failed", row[Array.IndexOf(header, "reach")]);
        var pdfText = Poppler.Text(_w.File("out/" + Campaign + "/report.pdf"));
        Assert.Contains("Brevet kom retur den", pdfText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_can_come_back_once_its_batch_is_printed_even_before_posting()
    {
        Assert.Equal(0, _w.Cli("batch", "printed", Campaign, "1").ExitCode);
        var id = _w.PostLetters()[1];

        var result = _w.Cli("returned", Campaign, id, "--reason", "flyttet");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(LetterState.Returned, _w.Letter(id).Stage);
        // Posting the batch afterwards leaves the returned letter returned.
        Assert.Equal(0, _w.Cli("batch", "posted", Campaign, "1").ExitCode);
        Assert.Equal(LetterState.Returned, _w.Letter(id).Stage);
    }

    [Fact]
    public void Every_error_exits_2_names_the_id_and_records_nothing()
    {
        var post = _w.PostLetters();
        var notPrinted = _w.Cli("returned", Campaign, post[0], "--reason", "x");
        Assert.Equal(2, notPrinted.ExitCode);
        Assert.Contains($"letter '{post[0]}' was never printed: its batch batch-0001.pdf has no completed print job", notPrinted.StdErr, StringComparison.Ordinal);

        _w.PrintAndPost();
        Assert.Equal(0, _w.Cli("returned", Campaign, post[0], "--reason", "flyttet").ExitCode);
        var rows = _w.LedgerRows();
        var email = _w.EmailLetter();
        var other = _w.PostLetters(PostRoomWorkspace.OtherCampaign)[0];
        var yesterday = PostRoomWorkspace.Iso(PostRoomWorkspace.Today.AddDays(-1));
        (string[] Args, string Expected)[] cases =
        [
            (["returned", "nope", post[1], "--reason", "x"], "unknown campaign 'nope'"),
            (["returned", Campaign, "FA830-DK-999999", "--reason", "x"], "no letter with id 'FA830-DK-999999'"),
            (["returned", Campaign, other, "--reason", "x"], $"letter '{other}' belongs to campaign 'fa831-minimed-dk', not 'fa830-minimed-dk'"),
            (["returned", Campaign, email, "--reason", "x"], $"letter '{email}' was never printed: it is in no print batch"),
            (["returned", Campaign, post[0], "--reason", "x"], $"letter '{post[0]}' is already recorded as returned"),
            (["returned", Campaign, post[1], "--reason", "x", "--date", "2031-01-01"], "is after today"),
            (["returned", Campaign, post[1], "--reason", "x", "--date", yesterday], $"is before letter '{post[1]}' was posted"),
            (["returned", Campaign, post[1], "--reason", "x", "--date", "31-31-2026"], "--date must be"),
            (["returned", Campaign, post[1], "--reason", "   "], "the reason is empty"),
            (["returned", Campaign, post[1], "--reason", new string('x', 201)], "the reason is 201 characters long; at most 200"),
            (["returned", Campaign, post[1], "--reason", "flyt\ntet"], "control characters"),
            (["returned", Campaign, post[1], "--reason", "ok\u202Eevil"], "control characters"),
            (["returned", Campaign, post[1]], "give --reason"),
            (["returned", Campaign], "give a letter id with --reason, or --file"),
            (["returned", Campaign, post[1], "--file", "x.csv"], "not both"),
        ];

        foreach (var (args, expected) in cases)
        {
            var result = _w.Cli(args);
            Assert.True(result.ExitCode == 2, string.Join(' ', args) + "\n" + result.All);
            Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
            Assert.Equal(rows, _w.LedgerRows());
        }
    }

    [Fact]
    public void A_file_from_danish_excel_records_every_row()
    {
        _w.PrintAndPost();
        var post = _w.PostLetters();
        var file = _w.WriteFile("retur.csv", Notices.Records.CsvTextDecoder.Windows1252,
            $"sep=;\r\nLetter_ID;Returned_Date;Reason\r\n{post[2]};{PostRoomWorkspace.Today:dd-MM-yyyy};ubekendt på adressen\r\n{post[3]};{{T}};adressaten er flyttet\r\n;;\r\n");

        var result = _w.Cli("returned", Campaign, "--file", file);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Recorded 2 returned letters", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Windows-1252", result.StdOut, StringComparison.Ordinal);
        Assert.Equal("ubekendt på adressen", _w.Letter(post[2]).Timeline.ReturnReason);
        Assert.Equal("adressaten er flyttet", _w.Letter(post[3]).Timeline.ReturnReason);
        Assert.Equal(2, _w.Rows(LedgerEventKind.Returned));
    }

    [Fact]
    public void A_file_with_problems_lists_each_with_its_line_and_records_nothing()
    {
        _w.PrintAndPost();
        var post = _w.PostLetters();
        var rows = _w.LedgerRows();
        var file = _w.WriteFile("retur.csv", new UTF8Encoding(true),
            "letter_id,returned_date,reason\n"
            + $"{post[0]},{{T}},flyttet\n"
            + $"{post[1]},{{T}},flyttet\n"
            + $"{post[0]},{{T}},igen\n"
            + $"{post[2]},2026-02-30,flyttet\n"
            + $"{post[3]},,flyttet\n"
            + $"{post[4]},{{T}},\n"
            + $"FA830-DK-424242,{{T}},flyttet\n"
            + $"{post[5]},{{T}},\"to\nlinjer\"\n"
            + $",{{T}},flyttet\n");

        var result = _w.Cli("returned", Campaign, "--file", file);

        Assert.Equal(2, result.ExitCode);
        var err = result.StdErr;
        Assert.Contains($"retur.csv:4: letter '{post[0]}' is also on line 2", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:5: returned_date '2026-02-30' is not a date", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:6: missing returned_date", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:7: the reason is empty", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:8: no letter with id 'FA830-DK-424242'", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:9: control characters", err, StringComparison.Ordinal);
        Assert.Contains("retur.csv:11: missing letter_id", err, StringComparison.Ordinal);
        Assert.Contains("7 problems in retur.csv; nothing was recorded", err, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void A_file_without_the_header_or_with_broken_utf8_is_refused()
    {
        _w.PrintAndPost();
        var rows = _w.LedgerRows();
        var noHeader = _w.WriteFile("a.csv", new UTF8Encoding(false), $"{_w.PostLetters()[0]};{{T}};flyttet\n");
        File.WriteAllBytes(_w.File("b.csv"), [.. Encoding.UTF8.GetBytes($"letter_id;returned_date;reason\n{_w.PostLetters()[0]};{PostRoomWorkspace.Iso(PostRoomWorkspace.Today)};Å"), 0xE5, (byte)'\n']);
        File.WriteAllText(_w.File("c.csv"), "letter_id;returned_date;reason\n");

        var a = _w.Cli("returned", Campaign, "--file", "a.csv");
        var b = _w.Cli("returned", Campaign, "--file", "b.csv");
        var c = _w.Cli("returned", Campaign, "--file", "c.csv");
        var d = _w.Cli("returned", Campaign, "--file", "missing.csv");

        Assert.Equal((2, 2, 2, 2), (a.ExitCode, b.ExitCode, c.ExitCode, d.ExitCode));
        Assert.Contains("a.csv:1: the header has no column", a.StdErr, StringComparison.Ordinal);
        Assert.Contains("b.csv:2: not valid UTF-8 (byte 0xE5)", b.StdErr, StringComparison.Ordinal);
        Assert.Contains("holds no returned letters", c.StdErr, StringComparison.Ordinal);
        Assert.Contains("file not found", d.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void A_reminder_id_records_on_that_reminder_letter()
    {
        _w.PrintAndPost();
        var original = _w.PostLetters()[0];
        var reminder = original + "-R1";
        using (var store = Notices.Store.StoreSchema.OpenExisting(_w.File("s.db")))
        {
            var record = store.Letters.Single(l => l.LetterId == original);
            store.Letters.Add(new LetterRecord
            {
                LetterId = reminder, CampaignId = Campaign, PatientId = record.PatientId, Sequence = record.Sequence,
                Channel = record.Channel, SnapshotJson = record.SnapshotJson, CreatedAt = record.CreatedAt, ReminderOf = original,
            });
            store.SaveChanges();
            using var ledger = new Notices.Ledger.LedgerWriter(store);
            ledger.AppendDurably([
                new LetterEvent(Campaign, reminder, record.PatientId, new ReminderPlanned(original, 1, Notices.Campaigns.DeliveryChannelKind.Post, PostRoomWorkspace.Today)),
                new LetterEvent(Campaign, reminder, record.PatientId, new LetterRendered("ab", 2, reminder + ".pdf", false, PostRoomWorkspace.Iso(PostRoomWorkspace.Today))),
                new LetterEvent(Campaign, reminder, record.PatientId, new PrintBatched("batch-0002.pdf", 1, 1, 2, "ab")),
                new LetterEvent(Campaign, null, null, new BatchSealed("batch-0002.pdf", "feed", 1, 2, "manifest.csv")),
            ]);
        }

        var notPrinted = _w.Cli("returned", Campaign, reminder, "--reason", "flyttet");
        Assert.Equal(2, notPrinted.ExitCode);
        Assert.Contains("its batch batch-0002.pdf has no completed print job", notPrinted.StdErr, StringComparison.Ordinal);

        Assert.Equal(0, _w.Cli("batch", "printed", Campaign, "batch-0002.pdf").ExitCode);
        var result = _w.Cli("returned", Campaign, reminder, "--reason", "flyttet");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(LetterState.Returned, _w.Letter(reminder).Stage);
        Assert.Equal(LetterState.Posted, _w.Letter(original).Stage);
    }

    private static int ReachedIn(string status)
    {
        var match = System.Text.RegularExpressions.Regex.Match(status, @"\breached\s*│\s*(\d+)");
        Assert.True(match.Success, status);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
