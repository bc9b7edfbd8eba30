using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Notices.Store;

/// <summary>
/// Creates and versions the schema in code. A new store gets what EF Core's model creates (the current version);
/// an older store is brought up to date by the numbered upgrade steps here rather than by migrations tooling.
/// </summary>
public static class StoreSchema
{
    public const int CurrentVersion = 3;

    /// <summary>
    /// Opens the store at <paramref name="dbPath"/>, creating the file, its folder and the schema when they do not exist.
    /// Only for commands that bring data in (<c>import</c>, <c>demo</c>, the benchmark); all others use
    /// <see cref="OpenExisting"/>, so that a typo in a path never makes an empty store that then looks like "no letters".
    /// </summary>
    public static NoticesDbContext Open(string dbPath)
    {
        var full = Path.GetFullPath(dbPath);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        StoreFault.LastOpened = full;
        var options = new DbContextOptionsBuilder<NoticesDbContext>()
            .UseSqlite($"Data Source={full}")
            .Options;
        var db = new NoticesDbContext(options);
        try
        {
            EnsureSchema(db);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // The first statements are where a wrong file (not a database, a folder) or a damaged one shows.
            db.Dispose();
            throw new StoreOpenException(full, ex);
        }

        return db;
    }

    /// <summary>
    /// Opens a store that exists already. Throws <see cref="StoreNotFoundException"/>, creating nothing, when there is
    /// no file at <paramref name="dbPath"/> or the file holds no notices schema.
    /// </summary>
    public static NoticesDbContext OpenExisting(string dbPath)
    {
        var full = RequireStoreFile(dbPath);
        // ReadWrite, not ReadWriteCreate: should the file vanish meanwhile, SQLite fails instead of making a new one.
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWrite }.ToString();
        var db = new NoticesDbContext(new DbContextOptionsBuilder<NoticesDbContext>().UseSqlite(connection).Options);
        try
        {
            db.Database.OpenConnection();
            if (ReadUserVersion(db) == 0)
            {
                throw new StoreNotFoundException(dbPath, $"{dbPath} is not a notices store (no schema); run 'notices import' first (or check --db).");
            }

            EnsureSchema(db);
            return db;
        }
        catch (SqliteException e)
        {
            // Not a database, damaged, locked: StoreOpenException says which, naming the path.
            db.Dispose();
            throw new StoreOpenException(full, e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The full path of an existing store file, remembered for fault messages. Throws <see cref="StoreNotFoundException"/>
    /// when <paramref name="dbPath"/> names a folder or nothing, so a typo never becomes an empty store.
    /// </summary>
    internal static string RequireStoreFile(string dbPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(dbPath);
        var full = Path.GetFullPath(dbPath);
        if (Directory.Exists(full))
        {
            throw new StoreNotFoundException(dbPath, $"{full} is a folder, not a store file (check --db).");
        }

        if (!File.Exists(full))
        {
            throw new StoreNotFoundException(dbPath, $"no store at {dbPath}; run 'notices import' first (or check --db).");
        }

        StoreFault.LastOpened = full;
        return full;
    }

    public static void EnsureSchema(NoticesDbContext db)
    {
        db.Database.OpenConnection();
        // WAL keeps readers (status, report) from blocking a running send.
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.Database.ExecuteSqlRaw("PRAGMA synchronous=NORMAL;");
        var version = ReadUserVersion(db);
        if (version == 0)
        {
            db.Database.EnsureCreated();
            db.Database.ExecuteSqlRaw(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={CurrentVersion};"));
        }
        else if (version < CurrentVersion)
        {
            Upgrade(db, version);
        }
        else if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The store has schema version {version}, newer than this program's {CurrentVersion}. Upgrade notices.");
        }

        // Not part of the versioned EF model: also added to stores made before the table existed.
        StoreSecrets.EnsureTable(db);
    }

    /// <summary>
    /// Version 2: reminder letters (<c>letters.ReminderOf</c>) share their patient with the original letter, so the
    /// one-letter-per-patient index holds for original letters only. Version 3: devices carry an optional lot number
    /// and UDI-DI. One transaction for all steps: all of it or none.
    /// </summary>
    private static void Upgrade(NoticesDbContext db, int from)
    {
        using var tx = db.Database.BeginTransaction();
        if (from < 2)
        {
            db.Database.ExecuteSqlRaw("ALTER TABLE letters ADD COLUMN \"ReminderOf\" TEXT NULL;");
            db.Database.ExecuteSqlRaw("DROP INDEX IF EXISTS \"IX_letters_CampaignId_PatientId\";");
            db.Database.ExecuteSqlRaw(
                "CREATE UNIQUE INDEX \"IX_letters_CampaignId_PatientId\" ON letters (\"CampaignId\", \"PatientId\") WHERE \"ReminderOf\" IS NULL;");
        }

        if (from < 3)
        {
            AddColumnIfMissing(db, "devices", "LotNumber");
            AddColumnIfMissing(db, "devices", "UdiDi");
        }

        db.Database.ExecuteSqlRaw(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version={CurrentVersion};"));
        tx.Commit();
    }

    /// <summary>Adds a nullable TEXT column unless the table has it (a store downgraded by hand may).</summary>
    private static void AddColumnIfMissing(NoticesDbContext db, string table, string column)
    {
        using (var cmd = db.Database.GetDbConnection().CreateCommand())
        {
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}';";
            if (Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

#pragma warning disable EF1002 // table and column are constants of this class, not input.
        db.Database.ExecuteSqlRaw($"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" TEXT NULL;");
#pragma warning restore EF1002
    }

    public static int ReadUserVersion(NoticesDbContext db)
    {
        using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
