using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notices.Ledger;

/// <summary>
/// Checks the ledger against the rest of the store, with or without a key: every letter with a rendered PDF
/// (<c>letters.PdfSha256</c> or <c>PdfPath</c> set, which <c>send</c> records only after the ledger holds the
/// rendering) has ledger rows, and every campaign has ledger rows. This catches a ledger emptied or stripped of a
/// letter's history even when the chain itself was rebuilt to look whole. Both queries use the ledger's
/// (CampaignId, LetterId) index.
/// </summary>
internal static class LedgerCrossCheck
{
    private const string RenderedLetter = "(COALESCE(l.PdfSha256, '') <> '' OR COALESCE(l.PdfPath, '') <> '')";

    /// <summary>Null when the store agrees with the ledger, else the failure naming the first letter or campaign.</summary>
    public static LedgerVerification? Check(SqliteConnection connection, long rowCount)
    {
        if (TableExists(connection, null, "letters"))
        {
            var (count, first) = CountAndFirst(connection,
                "SELECT COUNT(*), MIN(l.LetterId) FROM letters l WHERE " + RenderedLetter +
                " AND NOT EXISTS (SELECT 1 FROM ledger e WHERE e.CampaignId = l.CampaignId AND e.LetterId = l.LetterId);");
            if (count > 0)
            {
                return LedgerVerification.Invalid(rowCount, null, LedgerFault.LetterWithoutHistory,
                    string.Create(CultureInfo.InvariantCulture,
                        $"letter {first} has a rendered PDF but no ledger row{More(count, "letter")}: its ledger rows were deleted"));
            }
        }

        if (TableExists(connection, null, "campaigns"))
        {
            var (count, first) = CountAndFirst(connection,
                "SELECT COUNT(*), MIN(c.CampaignId) FROM campaigns c " +
                "WHERE NOT EXISTS (SELECT 1 FROM ledger e WHERE e.CampaignId = c.CampaignId);");
            if (count > 0)
            {
                return LedgerVerification.Invalid(rowCount, null, LedgerFault.CampaignWithoutHistory,
                    string.Create(CultureInfo.InvariantCulture,
                        $"campaign {first} exists but has no ledger row{More(count, "campaign")}: its ledger rows were deleted (a send records the campaign in the ledger before it stores it)"));
            }
        }

        return null;
    }

    /// <summary>Letters of any campaign whose PDF was rendered and recorded on the letter row.</summary>
    public static long CountRenderedLetters(SqliteConnection connection, SqliteTransaction? transaction)
    {
        if (!TableExists(connection, transaction, "letters"))
        {
            return 0;
        }

        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM letters l WHERE " + RenderedLetter + ";";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string More(long count, string noun) =>
        count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {count - 1} more {noun}s)") : "";

    private static (long Count, string? First) CountAndFirst(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        cmd.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
