using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Records;

namespace Notices.Store;

/// <summary>The SQLite store. The schema is created in code by <see cref="StoreSchema"/>; there is no dotnet-ef here.</summary>
public sealed class NoticesDbContext(DbContextOptions<NoticesDbContext> options) : DbContext(options)
{
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<CampaignRecord> Campaigns => Set<CampaignRecord>();
    public DbSet<LetterRecord> Letters => Set<LetterRecord>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Patient>(e =>
        {
            e.ToTable("patients");
            e.HasKey(p => p.PatientId);
            e.Ignore(p => p.FullName);
            e.Ignore(p => p.HasPostalAddress);
            e.Ignore(p => p.CanReceiveEmail);
        });
        modelBuilder.Entity<Device>(e =>
        {
            e.ToTable("devices");
            e.HasKey(d => d.Id);
            e.HasIndex(d => d.PatientId);
        });
        modelBuilder.Entity<CampaignRecord>(e =>
        {
            e.ToTable("campaigns");
            e.HasKey(c => c.CampaignId);
        });
        modelBuilder.Entity<LetterRecord>(e =>
        {
            e.ToTable("letters");
            e.HasKey(l => l.LetterId);
            // One original letter per patient and campaign; reminders (ReminderOf set) sit beside it.
            e.HasIndex(l => new { l.CampaignId, l.PatientId }).IsUnique().HasFilter("\"ReminderOf\" IS NULL");
        });
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger");
            e.HasKey(l => l.Seq);
            e.Property(l => l.Seq).ValueGeneratedNever();
            e.Property(l => l.Kind).HasConversion(k => LedgerEventCodec.Name(k), s => LedgerEventCodec.ParseKind(s));
            e.HasIndex(l => new { l.CampaignId, l.LetterId });
        });
    }
}
