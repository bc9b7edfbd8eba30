using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Ledger;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>
/// What someone with the <c>sqlite3</c> tool and a short script can do to a store file: every change is made by the
/// sqlite3 CLI; the script only reads the rows and recomputes the SHA-256 chain the README documents.
/// </summary>
public static class LedgerForgery
{
    /// <summary>Runs SQL through the sqlite3 CLI on the store file and returns what it printed.</summary>
    public static string Sqlite(string dbPath, string sql)
    {
        var info = new ProcessStartInfo("sqlite3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dbPath);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(sql);
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "sqlite3 failed: " + stderr.Result);
        return stdout.Result.Trim();
    }

    /// <summary>
    /// Applies <paramref name="tamperSql"/> (deletions, edits), then renumbers the rows from 1, recomputes every
    /// PrevHash and Hash with SHA-256 and points the head at the new last row, dropping any key marker: the full
    /// rebuild that a plain hash chain cannot detect.
    /// </summary>
    public static void RebuildWithSha256(string dbPath, string tamperSql = "")
    {
        if (tamperSql.Length > 0)
        {
            Sqlite(dbPath, tamperSql);
        }

        var script = new StringBuilder("BEGIN;\n");
        var prev = LedgerHasher.GenesisHash;
        long seq = 0;
        using (var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT Seq, CampaignId, LetterId, PatientId, Kind, Detail, At FROM ledger ORDER BY Seq;";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                seq++;
                var at = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                var hash = LedgerHasher.Compute(prev, seq, reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), at);
                // Ascending order: the new Seq is never above the old one, and its slot is already free.
                script.Append(CultureInfo.InvariantCulture,
                    $"UPDATE ledger SET Seq = {seq}, PrevHash = '{prev}', Hash = '{hash}' WHERE Seq = {reader.GetInt64(0)};\n");
                prev = hash;
            }
        }

        script.Append(seq == 0
            ? "DELETE FROM ledger_head;\n"
            : string.Create(CultureInfo.InvariantCulture,
                $"UPDATE ledger_head SET Seq = {seq}, Hash = '{prev}', KeyId = NULL, KeyedFrom = NULL, Mac = NULL;\n"));
        script.Append("COMMIT;\n");
        Sqlite(dbPath, script.ToString());
    }

    /// <summary>Deletes the last <paramref name="rows"/> rows and moves the head back onto the new last row.</summary>
    public static void CutTailAndFixHead(string dbPath, int rows) =>
        Sqlite(dbPath,
            string.Create(CultureInfo.InvariantCulture, $"DELETE FROM ledger WHERE Seq > (SELECT MAX(Seq) - {rows} FROM ledger);\n") +
            "UPDATE ledger_head SET Seq = (SELECT MAX(Seq) FROM ledger), Hash = (SELECT Hash FROM ledger ORDER BY Seq DESC LIMIT 1);\n");
}
