using System.Diagnostics;
using System.Globalization;
using System.Text;
using Notices.Campaigns;
using Notices.Model;
using Notices.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Campaigns;

/// <summary>Loading the new rule keys and the package's CSV lists, and every way they can be wrong, as file:line problems.</summary>
public sealed class AffectedRulesLoaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Yaml => Path.Combine(_dir.Path, "notice", "notice.yaml");

    private void Csv(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir.Path, "notice", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    private NoticePackageException Refused(string scope)
    {
        var notice = ScopedNotice.Write(_dir, scope);
        return Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(notice));
    }

    [Fact]
    public void Reads_the_issue_example_with_ranges_lots_serials_file_and_exclusions()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        Csv("insight-serials.csv", "serial_number,note\nRI0001,a\n ri0002 ,b\n", bom: true);
        Csv("lists/remediated.csv", "sep=;\nserial_number;date\nNG1000005;2026-10-01\n");
        Csv("excluded.csv", "patient_id\r\nP7\r\n");
        var notice = NoticePackageLoader.Load(ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 640G, MiniMed 780G]
                serial_ranges:
                  - { from: NG1000000, to: NG1199999 }
              - manufacturer: Medtronic
                models: [MiniMed Paradigm Veo 754]
                lots: [L2301, L2302]
                software_min: 2.1A
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight-serials.csv
                udi_di: [08717648200274]
            exclude_serials_file: lists/remediated.csv
            exclude_patients_file: excluded.csv
            """));

        Assert.Equal([new SerialRange("NG1000000", "NG1199999")], notice.Affected[0].SerialRanges);
        Assert.Equal(["L2301", "L2302"], notice.Affected[1].Lots);
        Assert.Equal("2.1A", notice.Affected[1].SoftwareMin);
        Assert.Equal(["08717648200274"], notice.Affected[2].UdiDi);
        Assert.Equal((2, 2, 3), (notice.Affected[2].SerialsFile!.Count, notice.Affected[2].SerialsFile!.LineOf("RI0001"), notice.Affected[2].SerialsFile!.LineOf("RI0002")));
        Assert.Equal(3, notice.Exclusions.Serials!.LineOf("ng1000005"));
        Assert.Equal("lists/remediated.csv", notice.Exclusions.Serials.Name);
        Assert.Equal(2, notice.Exclusions.Patients!.LineOf("p7"));
        Assert.Null(notice.Exclusions.Patients.LineOf("P8"));
    }

    [Fact]
    public void The_sample_notice_still_loads_with_no_exclusions() =>
        Assert.Equal(Exclusions.None, NoticePackageLoader.Load(RepoPaths.SampleNotice).Exclusions);

    [Theory]
    [InlineData("{ from: NG1000000, to: NH1199999 }", "same prefix")]
    [InlineData("{ from: NG1199999, to: NG1000000 }", "'from' is above 'to'")]
    [InlineData("{ from: NG100000A, to: NG1199999 }", "must end in digits")]
    [InlineData("{ from: NG1000000 }", "serial_ranges.to")]
    [InlineData("NG1000000-NG1199999", "{ from: ..., to: ... } pair")]
    public void A_bad_range_is_refused_on_its_line(string range, string reason)
    {
        var ex = Refused($"""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                serial_ranges:
                  - {range}
            """);

        var line = ScopedNotice.LineOf(Yaml, range);
        Assert.Contains(ex.Problems, p => p.StartsWith($"{Yaml}:{line}: ", StringComparison.Ordinal) && p.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../outside.csv", "inside the notice package")]
    [InlineData("/etc/passwd", "inside the notice package")]
    [InlineData("lists/../../outside.csv", "inside the notice package")]
    [InlineData("missing.csv", "'missing.csv' not found")]
    public void A_list_outside_the_package_or_missing_is_refused_on_the_yaml_line(string path, string reason)
    {
        File.WriteAllText(_dir.File("outside.csv"), "serial_number\nX1\n");
        var ex = Refused($"""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: {path}
            """);

        var line = ScopedNotice.LineOf(Yaml, "serials_file:");
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{line}: ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_file_outside_the_package_is_refused()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        File.WriteAllText(_dir.File("outside.csv"), "serial_number\nX1\n");
        File.CreateSymbolicLink(_dir.File("notice/insight.csv"), _dir.File("outside.csv"));

        var ex = Refused("""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight.csv
            """);

        Assert.Contains("link to a file outside the notice package", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lots: []")]
    [InlineData("udi_di: []")]
    [InlineData("serial_ranges: []")]
    public void An_empty_condition_list_is_refused_rather_than_matching_everything(string condition)
    {
        var ex = Refused($"""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                {condition}
            """);

        var line = ScopedNotice.LineOf(Yaml, condition);
        Assert.StartsWith($"{Yaml}:{line}: ", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_or_an_empty_row_names_the_csv_file_and_line()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        Csv("remediated.csv", "serial;date\nNG1;x\n");
        Csv("excluded.csv", "patient_id;why\nP1;a\n;b\nP3;c\n");
        var ex = Refused("""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
            exclude_serials_file: remediated.csv
            exclude_patients_file: excluded.csv
            """);

        var remediated = Path.Combine(_dir.Path, "notice", "remediated.csv");
        var excluded = Path.Combine(_dir.Path, "notice", "excluded.csv");
        Assert.Contains($"{remediated}:1: missing column 'serial_number' (named by exclude_serials_file in notice.yaml).", ex.Problems);
        Assert.Contains($"{excluded}:3: empty patient_id.", ex.Problems);
    }

    [Fact]
    public void An_unreadable_row_or_bad_encoding_in_a_list_is_a_problem_with_its_line()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        Csv("insight.csv", "serial_number;note\nRI1;ok\nRI2;\"never closed\n");
        var ex = Refused("""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight.csv
            """);

        Assert.Contains(ex.Problems, p => p.StartsWith(Path.Combine(_dir.Path, "notice", "insight.csv") + ":3: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_50000_row_serials_file_loads_fast_and_matches_exactly_its_serials()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        var csv = new StringBuilder("serial_number;batch\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"RI{i * 2:D7};B{i % 7}\n");
        }

        Csv("insight-serials.csv", csv.ToString());
        var clock = Stopwatch.StartNew();
        var notice = NoticePackageLoader.Load(ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight-serials.csv
            """));
        var load = clock.Elapsed;
        var matcher = new AffectedDeviceMatcher(notice.Affected);
        clock.Restart();
        var hits = 0;
        for (var i = 0; i < 100_000; i++)
        {
            hits += matcher.Evaluate(Insight(string.Create(CultureInfo.InvariantCulture, $"RI{i:D7}"))).Affected ? 1 : 0;
        }

        output.WriteLine($"load {load.TotalMilliseconds:0} ms, 100000 devices matched in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(50_000, hits);
        Assert.Equal(50_000, notice.Affected[0].SerialsFile!.Count);
        Assert.Equal(50_001, notice.Affected[0].SerialsFile!.LineOf("RI0099998"));
        Assert.Equal("serial RI0099999 not in insight-serials.csv", Assert.Single(matcher.Evaluate(Insight("RI0099999")).Misses).Reason);
        Assert.True(load < TimeSpan.FromSeconds(10), $"loading took {load}");
    }

    private static Device Insight(string serial) =>
        new() { PatientId = "P", Manufacturer = "Roche", Model = "Accu-Chek Insight", SerialNumber = serial };
}
