using Microsoft.Data.Sqlite;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>A store made before reminders (schema 1: one letter row per patient and campaign) is upgraded when opened.</summary>
public sealed class StoreUpgradeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_version_1_store_takes_reminder_rows_after_opening_and_still_refuses_a_second_original()
    {
        var path = Path.Combine(_dir.Path, "old.db");
        StoreSchema.Open(path).Dispose();
        Sql(path, """
            DROP INDEX "IX_letters_CampaignId_PatientId";
            ALTER TABLE letters DROP COLUMN "ReminderOf";
            CREATE UNIQUE INDEX "IX_letters_CampaignId_PatientId" ON letters ("CampaignId", "PatientId");
            INSERT INTO letters (LetterId, CampaignId, PatientId, Sequence, Channel, SnapshotJson, CreatedAt)
              VALUES ('FA830-DK-000001', 'c', 'P1', 1, 'Email', '{}', '2026-11-21 10:00:00+00:00');
            PRAGMA user_version = 1;
            """);

        using (var db = StoreSchema.OpenExisting(path))
        {
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.ReadUserVersion(db));
            db.Letters.Add(Row("FA830-DK-000001-R1", "FA830-DK-000001"));
            db.SaveChanges();
            Assert.Equal(2, db.Letters.Count(l => l.PatientId == "P1"));
            Assert.Equal("FA830-DK-000001", new StoreLetterIdRegistry(db).ExistingLetterIds("c")["P1"]);
        }

        using (var db = StoreSchema.OpenExisting(path))
        {
            db.Letters.Add(Row("FA830-DK-000002", null));
            Assert.ThrowsAny<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChanges());
        }
    }

    private static LetterRecord Row(string id, string? reminderOf) => new()
    {
        LetterId = id,
        CampaignId = "c",
        PatientId = "P1",
        Sequence = 1,
        Channel = "Post",
        SnapshotJson = "{}",
        ReminderOf = reminderOf,
    };

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
