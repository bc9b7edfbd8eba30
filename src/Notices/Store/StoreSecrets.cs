using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Notices.Store;

/// <summary>
/// Secrets the store makes for itself once and keeps (today only the VERP key), in a small <c>store_secrets</c>
/// table. The table is created with CREATE TABLE IF NOT EXISTS whenever a store is opened (<see cref="StoreSchema"/>), so a store made by an
/// older version gets it too; it is outside EF Core's model and the schema version does not change.
/// A secret kept here protects against outsiders (a forged bounce), not against whoever can read the store.
/// </summary>
public static class StoreSecrets
{
    public const string VerpKeyName = "verp_key";

    private const string CreateSql =
        "CREATE TABLE IF NOT EXISTS store_secrets (Name TEXT NOT NULL PRIMARY KEY, Value TEXT NOT NULL, CreatedAt TEXT NOT NULL);";

    public static void EnsureTable(NoticesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.ExecuteSqlRaw(CreateSql);
    }

    /// <summary>The store's VERP key: 32 random bytes, made on first use and the same ever after.</summary>
    public static byte[] VerpKey(NoticesDbContext db) => Convert.FromBase64String(GetOrCreate(db, VerpKeyName, 32));

    /// <summary>
    /// The secret called <paramref name="name"/>, made from <paramref name="bytes"/> random bytes (base64) if there is
    /// none yet. Two processes that make one at the same moment end with the same value: the first insert wins.
    /// </summary>
    public static string GetOrCreate(NoticesDbContext db, string name, int bytes)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        if (Read(connection, name) is { } existing)
        {
            return existing;
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO store_secrets (Name, Value, CreatedAt) VALUES ($name, $value, $at);";
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)));
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }

        return Read(connection, name) ?? throw new InvalidOperationException($"The store did not keep its secret '{name}'.");
    }

    private static string? Read(SqliteConnection connection, string name)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT Value FROM store_secrets WHERE Name = $name;";
        select.Parameters.AddWithValue("$name", name);
        return select.ExecuteScalar() as string;
    }
}
