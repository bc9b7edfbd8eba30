using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// The checks a <see cref="LedgerWriter"/> makes when it is created (the key fits the ledger, the head is not
/// tampered with, an emptied ledger is not restarted), made before a command writes anything else to the store.
/// Without it, a <c>send</c> run without the key would record the campaign and its letters and only then fail,
/// leaving a campaign without ledger rows for <c>verify</c> to report.
/// </summary>
public static class LedgerPreflight
{
    /// <exception cref="LedgerKeyException">The ledger is keyed and the key is missing or another one.</exception>
    /// <exception cref="InvalidOperationException">The head or the store shows that the ledger was altered.</exception>
    public static void Check(NoticesDbContext db, LedgerKey? key)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        LedgerChain.Open(connection, null, key);
    }
}
