using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>
/// A returned letter whose patient has a usable email address is re-routed by the next <c>send</c>: the same PDF goes
/// as an .eml, the ledger shows the email after Returned, and the patient counts as reached again. Real import and send.
/// </summary>
public sealed class ReturnRerouteTests : IDisposable
{
    private const string Campaign = "fa830-minimed-dk";
    private readonly TempDirectory _dir = new();

    public ReturnRerouteTests()
    {
        Assert.Equal(0, Cli("import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices).ExitCode);
        var send = Cli("send", "--unapproved", RepoPaths.SampleNotice, "--out", "out", "--date", "2026-11-21");
        Assert.True(send.ExitCode == 3, send.All); // one sample patient is unreachable
        Assert.Equal(0, Cli("batch", "printed", Campaign, "1").ExitCode);
        Assert.Equal(0, Cli("batch", "posted", Campaign, "1").ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void After_returned_and_a_consented_email_send_writes_the_eml_and_the_patient_counts_as_reached()
    {
        var (letterId, patientId) = PostLetterWithEmailOnFile();
        var other = Project().Letters.First(l => l.Batch is not null && l.LetterId != letterId).LetterId;
        Assert.Equal(0, Cli("returned", Campaign, letterId, "--reason", "ubekendt på adressen").ExitCode);
        Assert.Equal(0, Cli("returned", Campaign, other, "--reason", "flyttet").ExitCode);
        var reachedAfterReturn = Reached();

        // Without consent the address is not usable: no candidate, and send leaves the letter returned.
        Assert.DoesNotContain("re-route by email", Cli("status", Campaign).StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(Eml(letterId)));

        // The patient calls and consents to email; the post room's import records it.
        Assert.Equal(0, Cli("import", "--patients", WithConsent(patientId), "--devices", RepoPaths.SampleDevices).ExitCode);
        var status = Cli("status", Campaign);
        Assert.Contains("Returned letters that send can re-route by email (1): " + letterId, status.StdOut, StringComparison.Ordinal);
        Assert.Contains("notices send ", status.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("@", status.StdOut, StringComparison.Ordinal);

        var send = Cli("send", "--unapproved", RepoPaths.SampleNotice, "--out", "out", "--date", "2026-11-21");

        Assert.True(send.ExitCode is 0 or 3, send.All);
        Assert.Matches(@"returned by post, re-routed to email\s*│\s*1\b", send.StdOut);
        Assert.True(File.Exists(Eml(letterId)), send.All);
        var eml = File.ReadAllText(Eml(letterId));
        Assert.Contains(PatientEmail(patientId), eml, StringComparison.OrdinalIgnoreCase);
        var kinds = Kinds(letterId);
        var returnedAt = kinds.IndexOf(nameof(LedgerEventKind.Returned));
        Assert.True(returnedAt >= 0 && kinds.IndexOf(nameof(LedgerEventKind.EmailSending)) > returnedAt
            && kinds.IndexOf(nameof(LedgerEventKind.EmailWritten)) > returnedAt, string.Join(",", kinds));
        Assert.DoesNotContain(nameof(LedgerEventKind.LetterRendered), kinds.Skip(returnedAt));
        var letter = Project().Letters.Single(l => l.LetterId == letterId);
        Assert.Equal((LetterState.Accepted, LetterDeliveryState.Sent), (letter.Stage, letter.Reach));
        Assert.Equal(reachedAfterReturn + 1, Reached());
        Assert.Equal(LetterState.Returned, Project().Letters.Single(l => l.LetterId == other).Stage);
        Assert.Equal(0, Cli("verify").ExitCode);

        var after = Cli("status", Campaign).StdOut;
        Assert.DoesNotContain("re-route by email", after, StringComparison.Ordinal);
        Assert.Matches(@"returned, then sent by email\s*│\s*1\b", after);
        Assert.Matches(@"returned \(not reached\)\s*│\s*1\b", after);

        // A second send re-routes nothing and writes nothing twice.
        var again = Cli("send", "--unapproved", RepoPaths.SampleNotice, "--out", "out", "--date", "2026-11-21");
        Assert.DoesNotMatch(@"re-routed to email", again.StdOut);
        Assert.Equal(1, Kinds(letterId).Count(k => k == nameof(LedgerEventKind.EmailWritten)));
    }

    [Fact]
    public void An_acknowledged_returned_letter_is_no_candidate()
    {
        var (letterId, patientId) = PostLetterWithEmailOnFile();
        Assert.Equal(0, Cli("returned", Campaign, letterId, "--reason", "flyttet").ExitCode);
        Assert.Equal(0, Cli("ack", Campaign, letterId, "--method", "phone").ExitCode);
        Assert.Equal(0, Cli("import", "--patients", WithConsent(patientId), "--devices", RepoPaths.SampleDevices).ExitCode);

        Assert.DoesNotContain("re-route by email", Cli("status", Campaign).StdOut, StringComparison.Ordinal);
        Cli("send", "--unapproved", RepoPaths.SampleNotice, "--out", "out", "--date", "2026-11-21");

        Assert.False(File.Exists(Eml(letterId)));
        Assert.DoesNotContain(nameof(LedgerEventKind.EmailSending), Kinds(letterId));
    }

    /// <summary>A letter in the posted batch whose patient has an email address on file but no consent.</summary>
    private (string LetterId, string PatientId) PostLetterWithEmailOnFile()
    {
        var rows = File.ReadAllLines(RepoPaths.SamplePatients).Skip(1).Select(l => l.Split(';')).ToDictionary(f => f[0].TrimStart('\uFEFF'));
        using var store = StoreSchema.OpenExisting(_dir.File("s.db"));
        var batched = LetterStateProjector.Project(store, Campaign).Letters.Where(l => l.Batch is not null).Select(l => l.LetterId).ToHashSet();
        var letter = store.Letters.AsEnumerable().OrderBy(l => l.LetterId, StringComparer.Ordinal)
            .First(l => batched.Contains(l.LetterId) && rows.TryGetValue(l.PatientId, out var f) && f[8].Contains('@', StringComparison.Ordinal)
                && f[9] is "nej" or "no" or "" or "0" or "false");
        return (letter.LetterId, letter.PatientId);
    }

    private string WithConsent(string patientId)
    {
        var lines = File.ReadAllLines(RepoPaths.SamplePatients).Select(line =>
        {
            var f = line.Split(';');
            if (f[0].TrimStart('\uFEFF') == patientId)
            {
                f[9] = "ja";
            }

            return string.Join(';', f);
        });
        File.WriteAllLines(_dir.File("patients-consent.csv"), lines, new UTF8Encoding(false));
        return "patients-consent.csv";
    }

    private static string PatientEmail(string patientId) =>
        File.ReadAllLines(RepoPaths.SamplePatients).Select(l => l.Split(';')).Single(f => f[0].TrimStart('\uFEFF') == patientId)[8];

    private string Eml(string letterId) => _dir.File(Path.Combine("out", Campaign, "email", letterId + ".eml"));

    private int Reached()
    {
        var match = System.Text.RegularExpressions.Regex.Match(Cli("status", Campaign).StdOut, @"\breached\s*│\s*(\d+)");
        Assert.True(match.Success);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<string> Kinds(string letterId)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("s.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Kind FROM ledger WHERE LetterId = $id ORDER BY Seq";
        command.Parameters.AddWithValue("$id", letterId);
        using var reader = command.ExecuteReader();
        var kinds = new List<string>();
        while (reader.Read())
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }

    private CampaignProjection Project()
    {
        using var store = StoreSchema.OpenExisting(_dir.File("s.db"));
        return LetterStateProjector.Project(store, Campaign);
    }

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, [.. args, "--db", "s.db"]);
}
