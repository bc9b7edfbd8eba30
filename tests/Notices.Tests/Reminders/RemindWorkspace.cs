using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>A temp folder with the sample records imported into s.db, and helpers to run and inspect remind.</summary>
public sealed class RemindWorkspace : IDisposable
{
    public const string Campaign = "fa830-minimed-dk";
    private readonly TempDirectory _dir = new();

    /// <param name="records">Writes patients.csv and devices.csv into the given folder; null imports the sample records.</param>
    public RemindWorkspace(Func<string, (string Patients, string Devices)>? records = null)
    {
        var (patients, devices) = records?.Invoke(_dir.Path) ?? (RepoPaths.SamplePatients, RepoPaths.SampleDevices);
        var import = Run("import", "--patients", patients, "--devices", devices, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    public string Path => _dir.Path;

    public static string Today(int plusDays) =>
        DateOnly.FromDateTime(DateTime.Now).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Out(string sub) => System.IO.Path.Combine(Path, "out", Campaign, sub);

    public CliRunner.Result Run(params string[] args) => CliRunner.Run(Path, args);

    public CliRunner.Result Send(params string[] extra) =>
        Run(["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21", .. extra]);

    public static string[] RemindArgs(string asOf, params string[] extra) =>
        ["remind", "--unapproved", Campaign, "--after", "30d", "--as-of", asOf, "--db", "s.db", "--out", "out", .. extra];

    public CliRunner.Result Remind(string asOf, params string[] extra) => Run(RemindArgs(asOf, extra));

    public NoticesDbContext Open() => StoreSchema.OpenExisting(System.IO.Path.Combine(Path, "s.db"));

    public CampaignProjection Project()
    {
        var options = new DbContextOptionsBuilder<NoticesDbContext>()
            .UseSqlite($"Data Source={System.IO.Path.Combine(Path, "s.db")};Pooling=False").Options;
        using var db = new NoticesDbContext(options);
        return LetterStateProjector.Project(db, Campaign);
    }

    /// <summary>Records acknowledgements (received today, by post) the way the ack command does.</summary>
    public void Acknowledge(params string[] letterIds)
    {
        using var db = Open();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var outcome = new AcknowledgementRecorder(db).Record(Campaign,
            [.. letterIds.Select(id => new AckRequest(id, today, AckMethod.Post, AckSource.Manual))], AckPolicy.AllOrNothing);
        Assert.Empty(outcome.Problems);
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, "s.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Ledger rows that plan reminder <paramref name="number"/>.</summary>
    public long PlannedRows(int number) =>
        Scalar($"SELECT COUNT(*) FROM ledger WHERE Kind = 'ReminderPlanned' AND LetterId LIKE '%-R{number.ToString(CultureInfo.InvariantCulture)}'");

    /// <summary>Reminder ids (round <paramref name="number"/>) in the pickup folder's .eml names and the print manifest's rows, with repeats.</summary>
    public List<string> Delivered(int number)
    {
        var suffix = "-R" + number.ToString(CultureInfo.InvariantCulture);
        var ids = Directory.Exists(Out("email"))
            ? Directory.GetFiles(Out("email"), "*.eml").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).ToList()
            : [];
        var manifest = System.IO.Path.Combine(Out("print"), "manifest.csv");
        if (File.Exists(manifest))
        {
            ids.AddRange(File.ReadLines(manifest).Skip(1).Select(l => l.Split(';')[2]));
        }

        return [.. ids.Where(id => id.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    public void Dispose() => _dir.Dispose();
}
