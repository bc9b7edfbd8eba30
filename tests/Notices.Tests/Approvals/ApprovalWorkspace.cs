using Microsoft.Data.Sqlite;
using Notices.Tests.Support;

namespace Notices.Tests.Approvals;

/// <summary>A temp folder with the sample patients imported into s.db and a copy of the sample notice package in notice/.</summary>
public sealed class ApprovalWorkspace : IDisposable
{
    public const string Campaign = "fa830-minimed-dk";

    private readonly TempDirectory _dir = new();

    public ApprovalWorkspace()
    {
        Notice = System.IO.Path.Combine(_dir.Path, "notice");
        Directory.CreateDirectory(Notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, System.IO.Path.Combine(Notice, System.IO.Path.GetFileName(file)));
        }

        var import = Run("import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "s.db");
        if (import.ExitCode != 0)
        {
            throw new InvalidOperationException("import failed: " + import.All);
        }
    }

    public string Path => _dir.Path;

    public string Notice { get; }

    public string LettersFolder => System.IO.Path.Combine(_dir.Path, "out", Campaign, "letters");

    public CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, args);

    public CliRunner.Result Approve(string by = "A. Jensen (RA)") => Run("approve", Notice, "--by", by, "--note", "proof reviewed", "--db", "s.db");

    public CliRunner.Result Send(params string[] extra) =>
        Run(["send", Notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21", .. extra]);

    public CliRunner.Result Remind(params string[] extra) =>
        Run(["remind", Campaign, "--after", "30d", "--as-of", Reminders.RemindWorkspace.Today(31), "--db", "s.db", "--out", "out", .. extra]);

    public void Append(string file, string text) => File.AppendAllText(System.IO.Path.Combine(Notice, file), text);

    public long LedgerRows() => (long)Scalar("SELECT COUNT(*) FROM ledger;")!;

    public IReadOnlyList<string> Details(string kind)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Detail FROM ledger WHERE Kind = $kind ORDER BY Seq;";
        cmd.Parameters.AddWithValue("$kind", kind);
        using var reader = cmd.ExecuteReader();
        var details = new List<string>();
        while (reader.Read())
        {
            details.Add(reader.GetString(0));
        }

        return details;
    }

    public object? Scalar(string sql)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(_dir.Path, "s.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
