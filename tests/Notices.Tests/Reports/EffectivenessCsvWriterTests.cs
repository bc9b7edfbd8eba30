using System.Text;
using CsvHelper;
using Notices.Reports;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reports;

public sealed class EffectivenessCsvWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly ReportCampaign Campaign = new("EFF", "FA830", "Pumpen kan stoppe", null, new DateOnly(2026, 11, 20));

    private string Write(HandLedger ledger) =>
        EffectivenessCsvWriter.Write(EffectivenessFigures.From(ledger.Project(), Campaign), Path.Combine(_dir.Path, "EFF"));

    /// <summary>Reads report.csv back with CsvHelper: one dictionary per row, keyed by column name.</summary>
    private static List<Dictionary<string, string>> ReadBack(string path)
    {
        var rows = new List<Dictionary<string, string>>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ';' });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal));
        }

        return rows;
    }

    [Fact]
    public void One_row_per_affected_patient_with_channels_state_steps_attempts_reminders_and_acknowledgement()
    {
        var path = Write(HandLedger.NinePatients());

        Assert.Equal(Path.Combine(_dir.Path, "EFF", "report.csv"), path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(';', EffectivenessCsvWriter.Header), lines[0]);
        Assert.Equal(10, lines.Length);

        var rows = ReadBack(path).ToDictionary(r => r["letter_id"], StringComparer.Ordinal);
        Assert.Equal(9, rows.Count);
        Assert.DoesNotContain(rows.Keys, id => id.Contains("-R", StringComparison.Ordinal));

        var acked = rows["EFF-0001"];
        Assert.Equal(("email", "Acknowledged", "email_confirmed"), (acked["channels"], acked["state"], acked["reach"]));
        Assert.Equal(("yes", "2026-11-05", "email"), (acked["acknowledged"], acked["ack_date"], acked["ack_method"]));
        Assert.Equal("2026-11-02T10:02:00Z", acked["email_handed_over_at"]);
        Assert.Matches(@"^2026-11-03T10:\d\d:00Z$", acked["email_delivered_at"]);
        Assert.Equal("1", acked["email_attempts"]);

        var post = rows["EFF-0002"];
        Assert.Equal(("post", "Acknowledged", "post", "post"), (post["channels"], post["state"], post["reach"], post["ack_method"]));
        Assert.NotEqual("", post["sealed_at"]);
        Assert.NotEqual("", post["submitted_at"]);
        Assert.NotEqual("", post["posted_at"]);

        var bounced = rows["EFF-0003"];
        Assert.Equal(("Failed", "failed", "no"), (bounced["state"], bounced["reach"], bounced["acknowledged"]));
        Assert.NotEqual("", bounced["email_bounced_at"]);
        Assert.Equal(("1", "EFF-0003-R1:Printed"), (bounced["reminders_sent"], bounced["reminders"]));

        Assert.NotEqual("", rows["EFF-0004"]["returned_at"]);
        Assert.Equal(("none", "Unreachable"), (rows["EFF-0005"]["channels"], rows["EFF-0005"]["state"]));
        Assert.Equal(("Uncertain", "uncertain", "1"), (rows["EFF-0006"]["state"], rows["EFF-0006"]["reach"], rows["EFF-0006"]["email_attempts"]));
        Assert.Contains("U+674E", rows["EFF-0007"]["detail"], StringComparison.Ordinal);

        var deferred = rows["EFF-0008"];
        Assert.Equal(("2", "1", "email_accepted"), (deferred["email_attempts"], deferred["email_deferrals"], deferred["reach"]));
        Assert.Equal(("yes", "web", "EFF-0008-R1:Sent"), (deferred["acknowledged"], deferred["ack_method"], deferred["reminders"]));

        Assert.Equal(("email+post", "Printed", "post"), (rows["EFF-0009"]["channels"], rows["EFF-0009"]["state"], rows["EFF-0009"]["reach"]));
        Assert.Equal("ab12", acked["pdf_sha256"]);
        Assert.Equal("", rows["EFF-0005"]["pdf_sha256"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x.test\";\"klik\")")]
    [InlineData("+45 1234")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    public void A_cell_that_a_spreadsheet_would_run_as_a_formula_is_escaped_by_csvhelper(string hostile)
    {
        var path = Write(HandLedger.NinePatients(patient1: hostile, ackNote: hostile));

        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = ReadBack(path);
        var row = Assert.Single(rows, r => r["letter_id"] == "EFF-0001");
        // CsvHelper puts its apostrophe in front; the value itself comes back after it, whole.
        Assert.Equal("'" + hostile, row["patient_id"]);
        Assert.Equal("'" + hostile, row["ack_note"]);
        Assert.DoesNotContain(";" + hostile, text, StringComparison.Ordinal);
        Assert.DoesNotContain(";\"" + hostile, text, StringComparison.Ordinal);
        Assert.Equal(rows[0].Count, EffectivenessCsvWriter.Header.Count);
    }
}
