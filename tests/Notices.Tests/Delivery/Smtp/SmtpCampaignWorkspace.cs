using System.Globalization;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// A temp directory with <see cref="SmtpCampaignData"/> imported into <c>s.db</c>, the test Postfix running and its
/// Maildirs empty: the starting point of every campaign-sized SMTP test.
/// </summary>
internal sealed class SmtpCampaignWorkspace : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SmtpCampaignWorkspace(int patients, Func<int, string>? email = null)
    {
        PostfixServer.EnsureRunning();
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        PostfixServer.ClearMaildirs();
        var (patientsCsv, devicesCsv) = SmtpCampaignData.Write(_dir.Path, patients, email);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", patientsCsv, "--devices", devicesCsv, "--db", "s.db").ExitCode);
    }

    public string Path => _dir.Path;

    /// <summary><c>send</c> of the sample notice through <paramref name="url"/>, dated 2026-11-21.</summary>
    public static string[] SendArgs(string url, params string[] extra) =>
        ["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--smtp", url, "--date", "2026-11-21", .. extra];

    public CliRunner.Result Send(string url, params string[] extra) => CliRunner.Run(Path, SendArgs(url, extra));

    public CliRunner.Result Run(params string[] args) => CliRunner.Run(Path, args);

    /// <summary>One value from the store, read the way an auditor with sqlite3 would.</summary>
    public string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, "s.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public void Dispose() => _dir.Dispose();
}
