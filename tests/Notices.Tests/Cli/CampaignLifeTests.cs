using System.Globalization;
using System.Net.Mail;
using System.Text;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// One campaign's whole life through the real test Postfix and the real program, as the README walks an RA team
/// through it: send by SMTP; acknowledge by hand, by a file (after a rejected file that changes nothing) and by an
/// email reply (an auto-reply beside it is refused); remind twice in one round (one reminder each) and once in the
/// next; then status and both reports agree with the ledger, and the ledger verifies.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class CampaignLifeTests : IDisposable
{
    private const string Campaign = "fa830-minimed-dk";
    private const int Patients = 12;
    private readonly TempDirectory _dir = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public CampaignLifeTests()
    {
        PostfixServer.EnsureRunning();
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private string Email(int n) => string.Create(CultureInfo.InvariantCulture, $"life{_run}-{n}@patients.test");

    [Fact]
    public void Send_acknowledge_remind_and_report_through_postfix()
    {
        var (patientsCsv, devicesCsv) = SmtpCampaignData.Write(_dir.Path, Patients, Email);
        Assert.Equal(0, Cli("import", "--patients", patientsCsv, "--devices", devicesCsv, "--db", "s.db").ExitCode);
        var send = Cli("send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl);
        Assert.True(send.ExitCode == 0, send.All);
        var emailed = Enumerable.Range(1, Patients).Where(SmtpCampaignData.HasEmail).ToList();
        var posted = Enumerable.Range(1, Patients).Where(n => !SmtpCampaignData.HasEmail(n)).ToList();
        var letters = Enumerable.Range(1, Patients).ToDictionary(n => n, n => Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.PatientId(n)}'"));
        var first = Mine(m => !IsReminder(m), emailed.Count);

        // By hand: the first emailed patient phoned.
        var byHand = Cli("ack", Campaign, letters[emailed[0]], "--method", "phone", "--db", "s.db");
        Assert.True(byHand.ExitCode == 0, byHand.All);

        // A file with one unknown id is refused whole: nothing recorded, the ledger unchanged.
        var rows = Rows();
        var bad = _dir.File("svar-fejl.csv");
        File.WriteAllText(bad, $"letter_id;received_date;method;note\n{letters[emailed[1]]};{Today(0)};post;\nFA830-DK-999999;{Today(0)};post;\n", new UTF8Encoding(true));
        var rejected = Cli("ack", Campaign, "--file", bad, "--db", "s.db");
        Assert.Equal(2, rejected.ExitCode);
        Assert.Contains("svar-fejl.csv:3:", rejected.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, Rows());

        // The corrected file, Windows-1252 as Danish Excel saves it: an emailed and a posted patient.
        var good = _dir.File("svar.csv");
        File.WriteAllText(good, $"letter_id;received_date;method;note\n{letters[emailed[1]]};{Today(0)};post;Svarkort modtaget på kontoret\n{letters[posted[0]]};{Today(0)};post;\n",
            Encoding.Latin1);
        var fromFile = Cli("ack", Campaign, "--file", good, "--db", "s.db");
        Assert.True(fromFile.ExitCode == 0, fromFile.All);

        // By email: a real reply to the third patient's own Reply-To, and an auto-reply to the fourth's.
        var replyTo = first.ToDictionary(m => m.Headers["X-Original-To"], m => m.Headers["Reply-To"].Trim('<', '>', ' '), StringComparer.OrdinalIgnoreCase);
        Reply(Email(emailed[2]), replyTo[Email(emailed[2])], "Re: Vigtig sikkerhedsmeddelelse");
        Reply(Email(emailed[3]), replyTo[Email(emailed[3])], "Autosvar: Vigtig sikkerhedsmeddelelse", ("Auto-Submitted", "auto-replied"));
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        var replies = PostfixServer.MessageFiles(PostfixServer.RepliesMaildir)
            .Where(f => File.ReadAllText(f).Contains(_run, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replies.Count);
        var maildir = _dir.File("replies");
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        replies.ForEach(f => File.Copy(f, Path.Combine(maildir, "new", Path.GetFileName(f))));
        var import = Cli("ack", "import", "--maildir", maildir, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);

        var acknowledged = new[] { emailed[0], emailed[1], posted[0], emailed[2] }.Select(n => letters[n]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), AcknowledgedLetters());

        // Remind as of 31 days on: everyone else, once; a second run in the same round sends nothing new.
        var remind = Cli("remind", "--unapproved", Campaign, "--after", "30d", "--as-of", Today(31), "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl);
        Assert.True(remind.ExitCode == 0, remind.All);
        var again = Cli("remind", "--unapproved", Campaign, "--after", "30d", "--as-of", Today(31), "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl);
        Assert.True(again.ExitCode == 0, again.All);
        var remindedByEmail = emailed.Where(n => !acknowledged.Contains(letters[n])).ToList();
        var reminders = Mine(IsReminder, remindedByEmail.Count);
        Assert.Equal(remindedByEmail.Select(Email).Order(StringComparer.OrdinalIgnoreCase),
            reminders.Select(m => m.Headers["X-Original-To"]).Order(StringComparer.OrdinalIgnoreCase));
        var unacknowledged = letters.Values.Where(id => !acknowledged.Contains(id)).ToList();
        Assert.Equal(unacknowledged.Select(id => id + "-R1").Order(StringComparer.Ordinal), Planned());

        // A reply to a reminder acknowledges its letter; the next round reminds the rest with -R2.
        var lateReminder = reminders.Single(m => string.Equals(m.Headers["X-Original-To"], Email(remindedByEmail[0]), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, Cli("ack", Campaign, letters[remindedByEmail[0]] + "-R1", "--db", "s.db").ExitCode);
        Assert.Contains("svar+" + letters[remindedByEmail[0]] + "-R1.", lateReminder.Headers["Reply-To"], StringComparison.Ordinal);
        var round2 = Cli("remind", "--unapproved", Campaign, "--after", "30d", "--as-of", Today(62), "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl);
        Assert.True(round2.ExitCode == 0, round2.All);
        Assert.Equal(unacknowledged.Where(id => id != letters[remindedByEmail[0]]).Select(id => id + "-R2").Order(StringComparer.Ordinal),
            Planned().Where(id => id.EndsWith("-R2", StringComparison.Ordinal)));

        // The reports agree with the ledger: one row per patient, five acknowledged, reminders counted per patient.
        var report = Cli("report", Campaign, "--db", "s.db", "--out", "out");
        Assert.True(report.ExitCode == 0, report.All);
        var csv = ReadCsv(Path.Combine(_dir.Path, "out", Campaign, "report.csv"));
        Assert.Equal(Patients, csv.Count);
        Assert.Equal(5, csv.Count(r => r["acknowledged"] == "yes"));
        Assert.All(csv.Where(r => r["acknowledged"] == "no"), r => Assert.Equal("2", r["reminders_sent"]));
        Assert.Equal("phone", csv.Single(r => r["letter_id"] == letters[emailed[0]])["ack_method"]);
        Assert.Equal("email", csv.Single(r => r["letter_id"] == letters[emailed[2]])["ack_method"]);
        var pdf = Poppler.RawText(Path.Combine(_dir.Path, "out", Campaign, "report.pdf"));
        Assert.Contains("Kvitteret", pdf, StringComparison.Ordinal);
        Assert.Contains(Scalar("SELECT Seq FROM ledger ORDER BY Seq DESC LIMIT 1") + ":", pdf, StringComparison.Ordinal);
        var status = Cli("status", Campaign, "--db", "s.db");
        Assert.True(status.ExitCode == 0, status.All);
        Assert.DoesNotContain("Åboulevarden", status.StdOut + pdf + File.ReadAllText(Path.Combine(_dir.Path, "out", Campaign, "report.csv")), StringComparison.Ordinal);
        Assert.Equal(0, Cli("verify", "--db", "s.db").ExitCode);
    }

    private static bool IsReminder(EmlMessage message) =>
        MimeWords.Decode(message.Headers.GetValueOrDefault("subject", "")).StartsWith("Påmindelse", StringComparison.Ordinal);

    /// <summary>This test's messages in the patients Maildir that match, once <paramref name="count"/> of them are there.</summary>
    private List<EmlMessage> Mine(Func<EmlMessage, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
            var found = PostfixServer.MessageFiles(PostfixServer.PatientsMaildir).Select(PostfixServer.LoadMessage)
                .Where(m => m.Headers.GetValueOrDefault("X-Original-To", "").Contains(_run, StringComparison.Ordinal) && match(m)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, found.Count);
                return found;
            }

            Thread.Sleep(200);
        }
    }

    private void Reply(string from, string to, string subject, params (string Name, string Value)[] headers)
    {
        using var message = new MailMessage(new MailAddress(from, "Patient"), new MailAddress(to))
        {
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            Body = "Tak, jeg har læst brevet. (" + _run + ")\n",
            BodyEncoding = Encoding.UTF8,
        };
        message.Headers["Message-ID"] = $"<{Guid.NewGuid():N}-{_run}@patients.test>";
        foreach (var (name, value) in headers)
        {
            message.Headers[name] = value;
        }

        using var client = new SmtpClient(PostfixServer.Host, PostfixServer.Port) { DeliveryMethod = SmtpDeliveryMethod.Network };
        client.Send(message);
    }

    private static string Today(int plusDays) =>
        DateOnly.FromDateTime(DateTime.Today).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private List<string> AcknowledgedLetters() =>
        [.. Column("SELECT LetterId FROM ledger WHERE Kind = 'Acknowledged'").Order(StringComparer.Ordinal)];

    private List<string> Planned() =>
        [.. Column("SELECT LetterId FROM ledger WHERE Kind = 'ReminderPlanned'").Order(StringComparer.Ordinal)];

    private string Rows() => Scalar("SELECT COUNT(*) FROM ledger");

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, args);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var rows = new List<Dictionary<string, string>>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ';' });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal));
        }

        return rows;
    }

    private string Scalar(string sql) => Column(sql).SingleOrDefault() ?? "";

    private List<string> Column(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "s.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        }

        return values;
    }
}
