using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary><c>notices ack</c> by hand and by file on a store made by import and send.</summary>
public sealed class AckCliTests(AckCliFixture fixture) : IClassFixture<AckCliFixture>, IDisposable
{
    private const string Campaign = AckCliFixture.Campaign;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);
    private readonly TempDirectory _dir = fixture.Copy();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void By_hand_records_each_letter_with_its_date_and_method()
    {
        var before = LedgerRows();

        // Danish day-first date; the letters were made today, so a reply cannot be older.
        var result = Ack(Campaign, "FA830-DK-000001", "fa830-dk-000002", "--date", Today.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
            "--method", "phone", "--note", "ringede selv");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Recorded 2 acknowledgements", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(before + 2, LedgerRows());
        Assert.Equal(2, AcknowledgedRows());
        var letter = Project().Letters.Single(l => l.LetterId == "FA830-DK-000002");
        Assert.Equal(LetterDeliveryState.Acknowledged, letter.State);
        Assert.Equal((Today, AckMethod.Phone, AckSource.Manual, "ringede selv"),
            (letter.Acknowledgement!.ReceivedOn, letter.Acknowledgement.Method, letter.Acknowledgement.Source, letter.Acknowledgement.Note));
        Assert.Matches(@"Acknowledged\s*│\s*2\b", Cli("status", Campaign, "--db", "s.db").StdOut);
        Assert.Equal(0, Cli("verify", "--db", "s.db").ExitCode);
    }

    [Fact]
    public void By_default_the_date_is_today_and_the_method_post()
    {
        Assert.Equal(0, Ack(Campaign, "FA830-DK-000003").ExitCode);
        var ack = Project().Letters.Single(l => l.LetterId == "FA830-DK-000003").Acknowledgement!;
        Assert.Equal((Today, AckMethod.Post), (ack.ReceivedOn, ack.Method));
    }

    [Fact]
    public void By_file_from_danish_excel_records_every_row()
    {
        var file = WriteFile("svar.csv", CsvTextDecoder1252(),
            "letter_id;received_date;method;note\r\nFA830-DK-000004;{TDK};brev;Svar fra ægtefælle\r\nFA830-DK-000005;{TDOT};telefon;\r\nFA830-DK-000006;{T};;\r\n");

        var result = Ack(Campaign, "--file", file);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Recorded 3 acknowledgements", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Windows-1252", result.StdOut, StringComparison.Ordinal);
        var letters = Project().Letters.ToDictionary(l => l.LetterId);
        Assert.Equal("Svar fra ægtefælle", letters["FA830-DK-000004"].Acknowledgement!.Note);
        Assert.Equal(AckMethod.Phone, letters["FA830-DK-000005"].Acknowledgement!.Method);
        Assert.Equal(AckSource.File, letters["FA830-DK-000006"].Acknowledgement!.Source);
        Assert.Equal(3, AcknowledgedRows());
    }

    [Fact]
    public void A_file_with_one_bad_line_changes_nothing()
    {
        var verifyBefore = Cli("verify", "--db", "s.db");
        var rows = LedgerRows();
        var file = WriteFile("svar.csv", new UTF8Encoding(true),
            "letter_id;received_date;method;note\nFA830-DK-000001;{T};post;\nFA830-DK-000002;{T};post;\nFA830-DK-000003;2026-11-31;post;\nFA830-DK-000004;{T};post;\n");

        var result = Ack(Campaign, "--file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("svar.csv:4: received_date '2026-11-31' is not a date", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing was recorded", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());
        Assert.Equal(0, AcknowledgedRows());
        var verifyAfter = Cli("verify", "--db", "s.db");
        Assert.Equal((verifyBefore.ExitCode, verifyBefore.StdOut), (verifyAfter.ExitCode, verifyAfter.StdOut));
    }

    [Fact]
    public void Unknown_ids_and_ids_of_another_campaign_are_reported_with_their_argument_or_line()
    {
        var rows = LedgerRows();

        var byHand = Ack(Campaign, "FA830-DK-000001", "FA831-DK-000001", "FA830-DK-009999");

        Assert.Equal(2, byHand.ExitCode);
        Assert.Contains("argument 2: letter 'FA831-DK-000001' belongs to campaign 'fa831-minimed-dk', not 'fa830-minimed-dk'", byHand.StdErr, StringComparison.Ordinal);
        Assert.Contains("argument 3: no letter with id 'FA830-DK-009999'", byHand.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("argument 1", byHand.StdErr, StringComparison.Ordinal);

        var file = WriteFile("svar.csv", new UTF8Encoding(false), "letter_id,received_date\nFA831-DK-000002,{T}\nFA830-DK-000001,{T}\nXYZ,{T}\n");
        var byFile = Ack(Campaign, "--file", file);

        Assert.Equal(2, byFile.ExitCode);
        Assert.Contains("svar.csv:2: letter 'FA831-DK-000002' belongs to campaign", byFile.StdErr, StringComparison.Ordinal);
        Assert.Contains("svar.csv:4: no letter with id 'XYZ'", byFile.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());
    }

    [Fact]
    public void Acknowledging_twice_is_refused_with_its_line_and_records_nothing_new()
    {
        var file = WriteFile("svar.csv", new UTF8Encoding(false), "letter_id;received_date\nFA830-DK-000007;{T}\nFA830-DK-000008;{T}\n");
        Assert.Equal(0, Ack(Campaign, "--file", file).ExitCode);
        var rows = LedgerRows();

        var again = Ack(Campaign, "--file", file);
        var byHand = Ack(Campaign, "FA830-DK-000009", "FA830-DK-000008");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("svar.csv:2: letter 'FA830-DK-000007' is already acknowledged (" + Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ", post)", again.StdErr, StringComparison.Ordinal);
        Assert.Contains("svar.csv:3: letter 'FA830-DK-000008' is already acknowledged", again.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, byHand.ExitCode);
        Assert.Contains("argument 2: letter 'FA830-DK-000008' is already acknowledged", byHand.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());
        Assert.Equal(2, AcknowledgedRows());
    }

    [Fact]
    public void A_later_bounce_or_return_leaves_the_letter_acknowledged()
    {
        Assert.Equal(0, Ack(Campaign, "FA830-DK-000002", "FA830-DK-000011").ExitCode);
        using (var store = StoreSchema.OpenExisting(_dir.File("s.db")))
        using (var writer = new LedgerWriter(store))
        {
            writer.AppendDurably([
                new LetterEvent(Campaign, "FA830-DK-000002", PatientOf(store, "FA830-DK-000002"),
                    new EmailBounced("5.1.1", "failed", "dsn", "late-bounce", Reason: "mailbox unknown")),
                new LetterEvent(Campaign, "FA830-DK-000011", PatientOf(store, "FA830-DK-000011"), new Returned("ubekendt adresse")),
            ]);
        }

        var letters = Project().Letters.ToDictionary(l => l.LetterId);
        foreach (var id in (string[])["FA830-DK-000002", "FA830-DK-000011"])
        {
            Assert.Equal(LetterDeliveryState.Acknowledged, letters[id].State);
            Assert.NotNull(letters[id].Acknowledgement);
        }

        Assert.Matches(@"Acknowledged\s*│\s*2\b", Cli("status", Campaign, "--db", "s.db").StdOut);
        Assert.Equal(2, Ack(Campaign, "FA830-DK-000002").ExitCode);
        Assert.Equal(2, AcknowledgedRows());
    }

    [Fact]
    public void Two_ack_commands_at_once_record_each_letter_once()
    {
        string[] ids = ["FA830-DK-000012", "FA830-DK-000013", "FA830-DK-000014", "FA830-DK-000015"];
        using var first = CliRunner.Start(_dir.Path, null, ["ack", Campaign, .. ids, "--db", "s.db"]);
        using var second = CliRunner.Start(_dir.Path, null, ["ack", Campaign, .. ids, "--db", "s.db"]);

        var results = new[] { first.Wait(TimeSpan.FromMinutes(2)), second.Wait(TimeSpan.FromMinutes(2)) };

        Assert.Single(results, r => r.ExitCode == 0);
        var loser = Assert.Single(results, r => r.ExitCode != 0);
        Assert.Equal(2, loser.ExitCode);
        Assert.True(loser.StdErr.Contains("in use by another run", StringComparison.Ordinal)
            || loser.StdErr.Contains("is already acknowledged", StringComparison.Ordinal), loser.All);
        Assert.Equal(ids.Length, AcknowledgedRows());
        Assert.Equal(0, Cli("verify", "--db", "s.db").ExitCode);
    }

    [Fact]
    public void While_another_ack_holds_the_campaign_ack_stops_busy_and_records_nothing()
    {
        var rows = LedgerRows();
        using (var store = StoreSchema.OpenExisting(_dir.File("s.db")))
        using (Notices.Runs.CampaignRunLock.Acquire(store, Campaign, "ack", scope: "ack"))
        {
            var busy = Ack(Campaign, "FA830-DK-000017");

            Assert.Equal(2, busy.ExitCode);
            Assert.Contains("in use by another run", busy.StdErr, StringComparison.Ordinal);
            Assert.Equal(rows, LedgerRows());
        }

        Assert.Equal(0, Ack(Campaign, "FA830-DK-000017").ExitCode);
    }

    [Fact]
    public void A_hostile_note_is_kept_as_clean_text_and_an_overlong_one_is_refused()
    {
        const string hostile = "=HYPERLINK(\"http://evil.example/?x=1\",\"Klik her\")\u0007\u001b[2J\r\nny linje\u202E";
        var rows = LedgerRows();
        var tooLong = Ack(Campaign, "FA830-DK-000016", "--note", new string('x', 10_240));
        var file = WriteFile("svar.csv", new UTF8Encoding(false), $"letter_id;received_date;note\nFA830-DK-000016;{{T}};{new string('y', 10_240)}\n");
        var tooLongInFile = Ack(Campaign, "--file", file);

        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("--note is 10240 characters long", tooLong.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, tooLongInFile.ExitCode);
        Assert.Contains("svar.csv:2: note is 10240 characters long", tooLongInFile.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());

        var ok = Ack(Campaign, "FA830-DK-000016", "--note", hostile);

        Assert.True(ok.ExitCode == 0, ok.All);
        Assert.DoesNotContain("HYPERLINK", ok.All, StringComparison.Ordinal); // notes are never echoed
        var note = Project().Letters.Single(l => l.LetterId == "FA830-DK-000016").Acknowledgement!.Note;
        Assert.Equal("=HYPERLINK(\"http://evil.example/?x=1\",\"Klik her\") [2J ny linje", note);
        Assert.Equal(0, Cli("verify", "--db", "s.db").ExitCode);
    }

    [Fact]
    public void A_file_of_fifty_thousand_rows_is_checked_in_reasonable_time()
    {
        var text = new StringBuilder("letter_id;received_date;method;note\n");
        for (var i = 1; i <= 50_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"FA830-DK-{100_000 + i:000000};{{TDK}};post;svar {i}\n");
        }

        var file = WriteFile("stor.csv", new UTF8Encoding(false), text.ToString());
        var rows = LedgerRows();
        var clock = Stopwatch.StartNew();

        var result = Ack(Campaign, "--file", file);

        clock.Stop();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stor.csv:2: no letter with id 'FA830-DK-100001'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("… and 49000 more problems not listed.", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("50000 problems in stor.csv; nothing was recorded", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Usage_errors_exit_2_and_record_nothing()
    {
        var file = WriteFile("svar.csv", new UTF8Encoding(false), "letter_id;received_date\nFA830-DK-000001;{T}\n");
        var header = WriteFile("tom.csv", new UTF8Encoding(false), "letter_id;received_date\n");
        var rows = LedgerRows();

        Assert.Contains("not both", Ack(Campaign, "FA830-DK-000001", "--file", file).StdErr, StringComparison.Ordinal);
        Assert.Contains("give the letter ids", Ack(Campaign).StdErr, StringComparison.Ordinal);
        Assert.Contains("--date, --method and --note go with letter ids", Ack(Campaign, "--file", file, "--date", "2026-11-22").StdErr, StringComparison.Ordinal);
        Assert.Contains("--date must be", Ack(Campaign, "FA830-DK-000001", "--date", "11/22/2026").StdErr, StringComparison.Ordinal);
        Assert.Contains("--method must be", Ack(Campaign, "FA830-DK-000001", "--method", "fax").StdErr, StringComparison.Ordinal);
        Assert.Contains("unknown campaign 'nope'", Ack("nope", "FA830-DK-000001").StdErr, StringComparison.Ordinal);
        Assert.Contains("file not found", Ack(Campaign, "--file", "missing.csv").StdErr, StringComparison.Ordinal);
        Assert.Contains("holds no acknowledgements", Ack(Campaign, "--file", header).StdErr, StringComparison.Ordinal);
        foreach (var args in new[]
                 {
                     new[] { Campaign, "FA830-DK-000001", "--file", file }, [Campaign], ["nope", "FA830-DK-000001"],
                     [Campaign, "--file", header], [Campaign, "FA830-DK-000001", "--date", "2099-12-31"],
                 })
        {
            Assert.Equal(2, Ack(args).ExitCode);
        }

        Assert.Equal(rows, LedgerRows());
    }

    [Fact]
    public void A_ledger_that_does_not_verify_is_refused()
    {
        Assert.Equal(1, Sql("UPDATE ledger SET Detail = '{\"reason\":\"edited\"}' WHERE Seq = 5;"));
        var rows = LedgerRows();

        var result = Ack(Campaign, "FA830-DK-000001");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the ledger does not verify", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, LedgerRows());
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var help = Cli("ack", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("notices ack fa830-minimed-dk --file svar.csv", help.StdOut, StringComparison.Ordinal);
        Assert.Contains("letter_id;received_date;method;note", help.StdOut, StringComparison.Ordinal);
    }

    private CliRunner.Result Ack(params string[] args) => Cli(["ack", .. args, "--db", "s.db"]);

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, args);

    private string WriteFile(string name, Encoding encoding, string text)
    {
        // {T}, {TDK}, {TDOT}: today (the letters were made today) as yyyy-mm-dd, dd-mm-yyyy and dd.mm.yyyy.
        text = text.Replace("{TDK}", Today.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{TDOT}", Today.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{T}", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        File.WriteAllText(_dir.File(name), text, encoding);
        return name;
    }

    private static Encoding CsvTextDecoder1252() => Notices.Records.CsvTextDecoder.Windows1252;

    private CampaignProjection Project()
    {
        using var store = StoreSchema.OpenExisting(_dir.File("s.db"));
        return LetterStateProjector.Project(store, Campaign);
    }

    private static string PatientOf(NoticesDbContext store, string letterId) => store.Letters.Single(l => l.LetterId == letterId).PatientId;

    private long LedgerRows() => Scalar("SELECT COUNT(*) FROM ledger");

    private long AcknowledgedRows() =>
        Scalar($"SELECT COUNT(*) FROM ledger WHERE Kind = '{LedgerEventCodec.Name(LedgerEventKind.Acknowledged)}'");

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("s.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private int Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("s.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
