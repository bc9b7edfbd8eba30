using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Printing;

/// <summary>
/// A temp folder with a small campaign that goes by post: the first few sample patients without email consent, so a
/// batch is a few letters (5 such patients: 3 of them have an affected device) and cups-pdf (Ghostscript on two cores) turns it round in seconds, not a minute.
/// </summary>
public sealed class PrintWorkspace : IDisposable
{
    public const string Campaign = "fa830-minimed-dk";
    private readonly TempDirectory _dir = new();

    public PrintWorkspace(int postPatients = 5)
    {
        CupsServer.EnsureReady();
        var patients = System.IO.Path.Combine(Path, "patients.csv");
        var devices = System.IO.Path.Combine(Path, "devices.csv");
        var rows = File.ReadAllLines(RepoPaths.SamplePatients, Encoding.UTF8);
        // Large print off: a large-print letter would go to a batch of its own, and these tests count batches.
        var chosen = rows.Skip(1).Where(l => l.Split(';') is var f && f[9] != "ja" && f[3].Length > 0).Take(postPatients)
            .Select(l => string.Join(';', l.Split(';')[..10]) + ";nej").ToList();
        var ids = chosen.Select(l => l.Split(';')[0]).ToHashSet(StringComparer.Ordinal);
        File.WriteAllLines(patients, [rows[0], .. chosen], Encoding.UTF8);
        var deviceRows = File.ReadAllLines(RepoPaths.SampleDevices, Encoding.UTF8);
        File.WriteAllLines(devices, [deviceRows[0], .. deviceRows.Skip(1).Where(l => ids.Contains(l.Split(';')[0]))], Encoding.UTF8);
        var import = Run("import", "--patients", patients, "--devices", devices, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    public string Path => _dir.Path;

    public string PrintFolder => System.IO.Path.Combine(Path, "out", Campaign, "print");

    public string BatchFile(int n) => System.IO.Path.Combine(PrintFolder, string.Create(CultureInfo.InvariantCulture, $"batch-{n:D4}.pdf"));

    public CliRunner.Result Run(params string[] args) => CliRunner.Run(Path, CupsServer.Environment, args);

    public CliRunner.Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) => CliRunner.Run(Path, environment, args);

    /// <summary>send with the post letters in batches of <paramref name="batchSize"/>; asserts it wrote batches.</summary>
    public CliRunner.Result Send(int batchSize, params string[] extra)
    {
        var result = Run(["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21",
            "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), .. extra]);
        Assert.True(File.Exists(BatchFile(1)), result.All);
        return result;
    }

    public static string[] PrintArgs(params string[] extra) =>
        ["print", Campaign, "--printer", CupsServer.Queue, "--db", "s.db", "--out", "out", .. extra];

    public CliRunner.Result Print(params string[] extra) => Run(PrintArgs(extra));

    /// <summary>Campaign-level print rows in ledger order: kind and detail fields.</summary>
    public List<(string Kind, IReadOnlyDictionary<string, string> Detail)> PrintEvents()
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Kind, Detail FROM ledger WHERE LetterId IS NULL AND Kind LIKE 'Print%' ORDER BY Seq";
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string, IReadOnlyDictionary<string, string>)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), LedgerDetail.Parse(reader.GetString(1))));
        }

        return rows;
    }

    public string Scalar(string sql)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public CliRunner.Result Verify() => Run("verify", "--db", "s.db");

    public void Dispose() => _dir.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, "s.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
