using System.Text;
using System.Text.RegularExpressions;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// Bad input and operational faults, through the real <c>notices</c> process: an exit code, one line on stderr that
/// names the cause (and the path where there is one), and never a .NET stack trace.
/// </summary>
public sealed partial class NoStackTraceTests : IDisposable
{
    private const string PatientsHeader = "patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("plan")]
    [InlineData("status")]
    [InlineData("verify")]
    [InlineData("import")]
    [InlineData("send")]
    public void A_store_of_garbage_bytes_is_named_as_not_a_sqlite_database(string command)
    {
        File.WriteAllBytes(_dir.File("garbage.db"), RandomBytes(5000, seed: 1));
        SeedCsv();

        var result = Run(command, "garbage.db");

        AssertOneLineError(result, 2, "not a SQLite database", _dir.File("garbage.db"));
    }

    [Fact]
    public void A_store_with_a_sqlite_header_and_garbage_after_it_is_reported_without_a_stack()
    {
        File.WriteAllBytes(_dir.File("fake.db"), [.. Encoding.ASCII.GetBytes("SQLite format 3\0"), .. RandomBytes(8000, seed: 2)]);

        var result = Run("status", "fake.db");

        Assert.True(result.ExitCode is 1 or 2, result.All);
        AssertOneLineError(result, result.ExitCode, _dir.File("fake.db"));
    }

    [Fact]
    public void A_truncated_store_is_reported_as_damaged_with_exit_1()
    {
        SeedStore();
        var db = _dir.File("notices.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var file = new FileStream(db, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var result = CliRunner.Run(_dir.Path, "verify", "--db", "notices.db");

        AssertOneLineError(result, 1, "damaged", db);
    }

    [Fact]
    public void A_folder_given_as_the_store_exits_2_naming_it()
    {
        Directory.CreateDirectory(_dir.File("store.db"));

        var result = CliRunner.Run(_dir.Path, "status", "x", "--db", "store.db");

        AssertOneLineError(result, 2, "folder", _dir.File("store.db"));
    }

    [Fact]
    public void A_binary_notice_yaml_exits_2_with_one_line_naming_the_file()
    {
        var notice = CopyNotice();
        File.WriteAllBytes(Path.Combine(notice, "notice.yaml"), RandomBytes(3000, seed: 3));
        SeedStore();

        var result = CliRunner.Run(_dir.Path, "plan", notice, "--db", "notices.db");

        AssertOneLineError(result, 2, Path.Combine(notice, "notice.yaml") + ":1:");
    }

    [Theory]
    [InlineData("missing.csv")]
    [InlineData("folder.csv")]
    public void A_missing_or_folder_patients_file_exits_2_naming_it(string name)
    {
        Directory.CreateDirectory(_dir.File("folder.csv"));

        var result = CliRunner.Run(_dir.Path, "import", "--patients", name, "--db", "notices.db");

        AssertOneLineError(result, 2, name);
    }

    [Fact]
    public void An_output_folder_that_is_a_file_exits_2_naming_the_path()
    {
        SeedStore();
        File.WriteAllText(_dir.File("out"), "not a folder");

        var result = CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "notices.db", "--out", "out");

        AssertOneLineError(result, 2, _dir.File("out"));
    }

    [Fact]
    public void A_name_the_font_cannot_print_never_gives_a_stack_trace_and_names_the_letter_and_code_point()
    {
        File.WriteAllText(_dir.File("patients.csv"), PatientsHeader + "P1;李;Wang;Vej 1;8000;Aarhus C;;nej\n", new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id;manufacturer;model;serial_number\nP1;Medtronic;MiniMed 508;S1\n");
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db").ExitCode);

        var result = CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "notices.db", "--out", "out");

        // The letter fails alone (LetterFailed), the run goes on: exit 3, the letter and the code point named.
        Assert.True(result.ExitCode == 3, result.All);
        AssertNoStackTrace(result);
        Assert.Contains("U+674E", result.All, StringComparison.Ordinal);
        Assert.Contains("FA830-DK-000001", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("李", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_letter_snapshot_in_the_store_never_gives_a_stack_trace()
    {
        SeedStore();
        Assert.Equal(0, CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "notices.db", "--out", "out").ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Sqlite("UPDATE letters SET SnapshotJson = '{\"LetterId\": 42,'");

        var result = CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "notices.db", "--out", "out");

        // Every letter was delivered before its snapshot was damaged: nothing to make again, nothing lost.
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("already done by an earlier run", result.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"rendered in this run\s*\S\s*0", result.StdOut);
        AssertNoStackTrace(result);
    }

    private CliRunner.Result Run(string command, string db) => command switch
    {
        "plan" => CliRunner.Run(_dir.Path, "plan", RepoPaths.SampleNotice, "--db", db),
        "status" => CliRunner.Run(_dir.Path, "status", "fa830-minimed-dk", "--db", db),
        "verify" => CliRunner.Run(_dir.Path, "verify", "--db", db),
        "import" => CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--db", db),
        "send" => CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", db, "--out", "out"),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static void AssertOneLineError(CliRunner.Result result, int exitCode, params string[] expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result.All}");
        AssertNoStackTrace(result);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + result.StdErr);
        foreach (var part in expected)
        {
            Assert.Contains(part, lines[0], StringComparison.Ordinal);
        }
    }

    private static void AssertNoStackTrace(CliRunner.Result result)
    {
        Assert.False(StackFrame().IsMatch(result.All), "stack trace printed:\n" + result.All);
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
    }

    private void SeedCsv()
    {
        File.WriteAllText(_dir.File("patients.csv"), PatientsHeader + "P1;Åse;Ærø;Kastanievej 15;8000;Aarhus C;;nej\n", new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id;manufacturer;model;serial_number\nP1;Medtronic;MiniMed 508;S1\n");
    }

    private void SeedStore()
    {
        SeedCsv();
        var import = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    private string CopyNotice()
    {
        var notice = _dir.File("notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        return notice;
    }

    private void Sqlite(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _dir.File("notices.db") + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex(@"^\s+at \S", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
