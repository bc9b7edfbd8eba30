using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Notices.Store;

/// <summary>
/// Creates and versions the schema in code. Version 1 is what EF Core's model creates;
/// later versions add numbered upgrade steps here rather than relying on migrations tooling.
/// </summary>
public static class StoreSchema
{
    public const int CurrentVersion = 1;

    public static NoticesDbContext Open(string dbPath)
    {
        var full = Path.GetFullPath(dbPath);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

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
        else if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The store has schema version {version}, newer than this program's {CurrentVersion}. Upgrade notices.");
        }

        // Not part of the versioned EF model: also added to stores made before the table existed.
        StoreSecrets.EnsureTable(db);
    }

    public static int ReadUserVersion(NoticesDbContext db)
    {
        using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
