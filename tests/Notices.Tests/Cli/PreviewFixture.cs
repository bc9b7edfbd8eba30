using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;

namespace Notices.Tests.Cli;

/// <summary>
/// The bundled sample imported twice: <c>sent.db</c>, from which the campaign was sent (ledger rows, letter ids), and
/// <c>fresh.db</c>, never sent (no letter ids yet).
/// </summary>
public sealed class PreviewFixture : IDisposable
{
    public PreviewFixture()
    {
        foreach (var db in new[] { "sent.db", "fresh.db" })
        {
            var import = CliRunner.Run(Dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", db);
            if (import.ExitCode != 0)
            {
                throw new InvalidOperationException(import.All);
            }
        }

        Send = CliRunner.Run(Dir.Path, "send", RepoPaths.SampleNotice, "--db", "sent.db", "--out", "sent-out", "--unapproved");
    }

    public TempDirectory Dir { get; } = new();
    public CliRunner.Result Send { get; }
    public string SentDb => Dir.File("sent.db");
    public string FreshDb => Dir.File("fresh.db");

    /// <summary>The letter id send gave the patient, read with a read-only connection.</summary>
    public string LetterIdOf(string patientId)
    {
        using var connection = ReadOnly(SentDb);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT LetterId FROM letters WHERE PatientId = $p AND ReminderOf IS NULL;";
        cmd.Parameters.AddWithValue("$p", patientId);
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>Ledger row count, last seq, last hash, the ledger head row and the SHA-256 of the store file.</summary>
    public static string StoreState(string dbPath)
    {
        string ledger;
        using (var connection = ReadOnly(dbPath))
        {
            var hasHead = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger_head';") != "0";
            ledger = Scalar(connection, "SELECT COUNT(*) || '|' || IFNULL(MAX(Seq), 0) || '|' || IFNULL((SELECT Hash FROM ledger ORDER BY Seq DESC LIMIT 1), '') "
                + "|| '|' || (SELECT COUNT(*) FROM letters) || '|' || (SELECT COUNT(*) FROM patients) FROM ledger;")
                + "|" + (hasHead ? Scalar(connection, "SELECT Seq || ':' || Hash FROM ledger_head WHERE Id = 1;") : "no head");
        }

        var wal = dbPath + "-wal";
        // A reader may leave an empty -wal beside the store; any content in it would be a write.
        var walLength = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        return ledger + "|wal " + walLength.ToString(CultureInfo.InvariantCulture) + "|" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dbPath)));
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static SqliteConnection ReadOnly(string dbPath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose() => Dir.Dispose();
}
