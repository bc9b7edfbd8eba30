using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Delivery;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>
/// Acknowledgements by email reply through the real test Postfix: send a small campaign over SMTP, read each delivered
/// message's Reply-To, send replies (a person's, an auto-reply, an out-of-office, an untagged one from the patient, a
/// stranger's, a forged tag) back through Postfix to replies.example.com, and run <c>notices ack import</c> on that Maildir.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed partial class ReplyPostfixTests : IDisposable
{
    private const string Campaign = "fa830-minimed-dk";
    private const int Patients = 10;
    private readonly TempDirectory _dir = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public ReplyPostfixTests()
    {
        PostfixServer.EnsureRunning();
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        // Only this class reads the replies Maildir; the others (patients.test, bounces) are shared and left alone.
        foreach (var file in PostfixServer.MessageFiles(PostfixServer.RepliesMaildir))
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private string Email(int n) => string.Create(CultureInfo.InvariantCulture, $"rp{_run}-{n}@patients.test");

    [Fact]
    public void Replies_through_postfix_acknowledge_exactly_the_right_letters_and_a_second_import_records_nothing()
    {
        var (patientsCsv, devicesCsv) = SmtpCampaignData.Write(_dir.Path, Patients, Email);
        Assert.Equal(0, Cli("import", "--patients", patientsCsv, "--devices", devicesCsv, "--db", "s.db").ExitCode);
        var send = Cli("send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl);
        Assert.True(send.ExitCode == 0, send.All);

        // What each patient received: their letter's own Reply-To, signed under the store's key.
        var emailPatients = Enumerable.Range(1, Patients).Where(SmtpCampaignData.HasEmail).ToList();
        var mine = emailPatients.Select(Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var received = WaitFor(PostfixServer.PatientsMaildir, m => mine.Contains(m.Headers["X-Original-To"]), emailPatients.Count);
        var verp = VerpSigner.FromEnvironmentOr(() => Convert.FromBase64String(Scalar("SELECT Value FROM store_secrets WHERE Name = 'verp_key'")));
        var replyTo = new Dictionary<int, (string LetterId, string Address)>();
        foreach (var message in received)
        {
            var n = emailPatients.Single(p => string.Equals(Email(p), message.Headers["X-Original-To"], StringComparison.OrdinalIgnoreCase));
            var address = message.Headers["Reply-To"].Trim('<', '>', ' ');
            var match = SvarAddress().Match(address);
            Assert.True(match.Success, address);
            var letterId = match.Groups["id"].Value;
            Assert.Equal(verp.ReplyAddress(Campaign, letterId, "replies.example.com"), address);
            Assert.Equal(letterId, Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.PatientId(n)}'"));
            replyTo[n] = (letterId, address);
        }

        var (p1, p2, p3, p4, p6, p7) = (emailPatients[0], emailPatients[1], emailPatients[2], emailPatients[3], emailPatients[4], emailPatients[5]);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        // A person's reply to the Reply-To.
        ids["reply"] = Reply(Email(p1), replyTo[p1].Address, "Re: Vigtig sikkerhedsmeddelelse", "reply");
        // An auto-reply and an out-of-office (Danish subject, RFC 2047 encoded by SmtpClient) to genuine addresses.
        ids["auto"] = Reply(Email(p2), replyTo[p2].Address, "Re: Vigtig sikkerhedsmeddelelse", "auto", ("Auto-Submitted", "auto-replied"));
        ids["ooo"] = Reply(Email(p3), replyTo[p3].Address, "Fraværende: Vigtig sikkerhedsmeddelelse", "ooo");
        // No tag: written to the plain reply address, letter id in the subject, from the patient's own address.
        ids["untagged"] = Reply(Email(p4), "svar@replies.example.com", "Kvittering for brev " + replyTo[p4].LetterId, "untagged");
        // A stranger naming p6's letter, and a forged tag for p7's letter.
        ids["stranger"] = Reply($"fremmed-{_run}@example.org", "svar@replies.example.com", "Kvittering " + replyTo[p6].LetterId, "stranger");
        ids["forged"] = Reply(Email(p7), $"svar+{replyTo[p7].LetterId}.{verp.Tag(Campaign, replyTo[p7].LetterId)}@replies.example.com", "Re: brevet", "forged");

        WaitFor(PostfixServer.RepliesMaildir, _ => true, ids.Count);
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        var fileOf = PostfixServer.MessageFiles(PostfixServer.RepliesMaildir).ToDictionary(
            f => ids.Single(pair => File.ReadAllText(f).Contains(pair.Value, StringComparison.Ordinal)).Key, f => Path.GetFileName(f));
        var before = PostfixServer.MessageFiles(PostfixServer.RepliesMaildir).ToDictionary(f => f, File.ReadAllBytes);

        var import = Cli("ack", "import", "--maildir", PostfixServer.RepliesMaildir, "--db", "s.db");

        Assert.True(import.ExitCode == 0, import.All);
        var acks = Acknowledgements();
        Assert.Equal([replyTo[p1].LetterId, replyTo[p4].LetterId], acks.Keys.Order(StringComparer.Ordinal));
        Assert.All(acks.Values, a => Assert.Equal((AckMethod.Email, AckSource.EmailReply), (a.Method, a.Source)));
        Assert.Equal(ids["reply"], acks[replyTo[p1].LetterId].Reference);
        Assert.Matches(@"acknowledgements recorded\s*│\s*2\b", import.StdOut);
        Assert.Matches(@"already recorded\s*│\s*0\b", import.StdOut);
        Assert.Matches(@"unmatched\s*│\s*4\b", import.StdOut);
        Assert.Matches(@"auto-reply\s*│\s*2\b", import.StdOut);
        Row(import.StdOut, fileOf["auto"], "auto-reply (Auto-Submitted header)");
        Row(import.StdOut, fileOf["ooo"], "auto-reply (subject starts with \"Fraværende\")");
        Row(import.StdOut, fileOf["stranger"], $"sender is not the patient of letter {replyTo[p6].LetterId}");
        Row(import.StdOut, fileOf["forged"], $"forged reply tag for letter {replyTo[p7].LetterId}");
        // Never the sender's address in the output.
        Assert.DoesNotContain("@", import.StdOut, StringComparison.Ordinal);

        var again = Cli("ack", "import", "--maildir", PostfixServer.RepliesMaildir, "--db", "s.db");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Matches(@"acknowledgements recorded\s*│\s*0\b", again.StdOut);
        Assert.Matches(@"already recorded\s*│\s*2\b", again.StdOut);
        Assert.Equal(2, Acknowledgements().Count);
        Assert.Equal("2", Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'Acknowledged'"));

        // Read-only: the Maildir is exactly as Postfix left it.
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), PostfixServer.MessageFiles(PostfixServer.RepliesMaildir).Order(StringComparer.Ordinal));
        Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
        Assert.Equal(0, Cli("verify", "--db", "s.db").ExitCode);
    }

    /// <summary>Sends one reply through Postfix with its own Message-ID, which is returned.</summary>
    private string Reply(string from, string to, string subject, string kind, params (string Name, string Value)[] headers)
    {
        var messageId = $"<{kind}-{_run}@patients.test>";
        using var message = new MailMessage(new MailAddress(from, "Patient"), new MailAddress(to))
        {
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            Body = "Jeg har modtaget og læst sikkerhedsmeddelelsen.\n",
            BodyEncoding = Encoding.UTF8,
        };
        message.Headers["Message-ID"] = messageId;
        foreach (var (name, value) in headers)
        {
            message.Headers[name] = value;
        }

        using var client = new SmtpClient(PostfixServer.Host, PostfixServer.Port) { DeliveryMethod = SmtpDeliveryMethod.Network };
        client.Send(message);
        return messageId;
    }

    private static void Row(string output, string file, string reason) =>
        Assert.True(output.Split('\n').Any(l => l.Contains(file, StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal)),
            $"no row '{file}' with '{reason}' in:\n{output}");

    private static List<EmlMessage> WaitFor(string maildir, Func<EmlMessage, bool> mine, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<EmlMessage> found;
        while ((found = PostfixServer.MessageFiles(maildir).Select(PostfixServer.LoadMessage).Where(mine).ToList()).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{maildir}: {found.Count} of {count} messages after 60 s");
            Thread.Sleep(200);
        }

        return found;
    }

    private Dictionary<string, Acknowledged> Acknowledgements()
    {
        using var db = StoreSchema.Open(Path.Combine(_dir.Path, "s.db"));
        return db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.Acknowledged).AsEnumerable()
            .ToDictionary(e => e.LetterId!, e => (Acknowledged)e.ReadEvent(), StringComparer.Ordinal);
    }

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, args);

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "s.db")};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    [GeneratedRegex(@"^svar\+(?<id>[A-Z0-9-]+)\.[a-z2-7]{16}@replies\.example\.com$")]
    private static partial Regex SvarAddress();
}
