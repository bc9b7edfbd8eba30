using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Notices.Store;

/// <summary>
/// Opens an existing store read-only, for commands that must leave it exactly as it is (<c>preview</c>): SQLite
/// refuses every write, and neither the schema nor the journal mode is touched, unlike <see cref="StoreSchema.OpenExisting"/>.
/// </summary>
public static class ReadOnlyStore
{
    /// <exception cref="StoreNotFoundException">No file, a folder, no notices schema, or a schema of another version.</exception>
    public static NoticesDbContext Open(string dbPath)
    {
        var full = StoreSchema.RequireStoreFile(dbPath);
        // No pooling: the file is let go when the context is disposed, not kept open for a later caller.
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var db = new NoticesDbContext(new DbContextOptionsBuilder<NoticesDbContext>().UseSqlite(connection).Options);
        try
        {
            db.Database.OpenConnection();
            var version = StoreSchema.ReadUserVersion(db);
            if (version == 0)
            {
                throw new StoreNotFoundException(dbPath, $"{dbPath} is not a notices store (no schema); run 'notices import' first (or check --db).");
            }

            if (version != StoreSchema.CurrentVersion)
            {
                var versions = string.Create(CultureInfo.InvariantCulture, $"{dbPath} has store schema version {version}, this program reads version {StoreSchema.CurrentVersion}");
                throw new StoreNotFoundException(dbPath, versions + (version < StoreSchema.CurrentVersion
                    ? "; run 'notices plan' with it once to bring it up to date (read-only commands do not upgrade it)."
                    : "; upgrade notices."));
            }

            return db;
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new StoreOpenException(full, e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }
}
