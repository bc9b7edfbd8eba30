using System.Text;
using Notices.Model;
using Notices.Campaigns;
using Notices.Ledger;
using Xunit;

namespace Notices.Tests.Ledger;

public sealed class ReconciliationReportWriterTests
{
    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+x", "'+x")]
    [InlineData("-x", "'-x")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("=1;2", "\"'=1;2\"")]
    [InlineData("Ærø Ålborg", "Ærø Ålborg")]
    [InlineData("", "")]
    public void Cells_are_escaped_against_formulas_and_quoted(string value, string expected)
    {
        Assert.Equal(expected, CsvCell.Escape(value));
    }

    [Fact]
    public void Unescape_reverses_only_the_formula_guard()
    {
        Assert.Equal("=SUM(A1)", CsvCell.Unescape(CsvCell.Escape("=SUM(A1)")));
        Assert.Equal("'plain", CsvCell.Unescape("'plain"));
    }

    [Fact]
    public void Report_is_bom_semicolon_csv_with_escaped_cells_and_one_row_per_letter()
    {
        using var store = new LedgerTestStore();
        var at = new DateTimeOffset(2026, 11, 21, 13, 3, 12, TimeSpan.Zero);
        var letters = new List<LetterStatus>
        {
            new("FA830-DK-000001", "=SUM(A1)", LetterDeliveryState.Sent, DeliveryChannelKind.Email, "EmailWritten", at, "{\"file\":\"x.eml\"}", "ab12", false, false, EmailStage.Written),
            new("FA830-DK-000002", "+x", LetterDeliveryState.Failed, DeliveryChannelKind.Email, "EmailFailed", at, "email failed: a;b", null, false, false),
            new("FA830-DK-000003", "-x", LetterDeliveryState.Printed, DeliveryChannelKind.Post, "PrintBatched", at, "", null, false, false),
            new("FA830-DK-000004", "@x", LetterDeliveryState.Pending, null, null, null, "", null, false, false),
        };
        var writer = new ReconciliationReportWriter(TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
        var path = writer.Write(new CampaignProjection("FA830", letters), Path.Combine(store.Directory, "FA830"));

        Assert.Equal(Path.Combine(store.Directory, "FA830", "report.csv"), path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("letter_id;patient_id;channel;state;email;last_event;last_event_at;pdf_sha256;detail", lines[0]);
        Assert.Equal("FA830-DK-000001;'=SUM(A1);Email;Sent;written;EmailWritten;2026-11-21 14:03:12 +01:00;ab12;\"{\"\"file\"\":\"\"x.eml\"\"}\"", lines[1]);
        Assert.StartsWith("FA830-DK-000002;'+x;Email;Failed;", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(";\"email failed: a;b\"", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("FA830-DK-000003;'-x;Post;Printed;", lines[3], StringComparison.Ordinal);
        Assert.Equal("FA830-DK-000004;'@x;;Pending;;;;;", lines[4]);
    }

    [Fact]
    public void Report_from_the_store_covers_every_letter_of_the_campaign()
    {
        using var store = new LedgerTestStore();
        using (var ledger = new LedgerWriter(store.Db))
        {
            ledger.Append("FA830", "FA830-DK-000001", "P1", new EmailWritten("<m1@example.com>", "x.eml", "abc"));
            ledger.Append("FA830", "FA830-DK-000002", "P2", new Unreachable("ingen adresse"));
        }

        var outDir = Path.Combine(store.Directory, "out");
        var path = new ReconciliationReportWriter().Write(store.Db, "FA830", outDir);

        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.Equal(Path.Combine(outDir, "FA830", "report.csv"), path);
        Assert.Contains("FA830-DK-000001;P1;Email;Sent;written;EmailWritten;", text, StringComparison.Ordinal);
        Assert.Contains("FA830-DK-000002;P2;Unreachable;Unreachable;;Unreachable;", text, StringComparison.Ordinal);
        Assert.Contains("unreachable: ingen adresse", text, StringComparison.Ordinal);
    }
}
