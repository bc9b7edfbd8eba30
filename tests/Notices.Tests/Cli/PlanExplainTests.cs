using System.Text;
using Notices.Tests.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary><c>plan --explain ID</c>: why a patient does or does not get the letter, by patient id or serial, ids only.</summary>
public sealed class PlanExplainTests : IClassFixture<PlanExplainTests.Workspace>
{
    private readonly Workspace _ws;

    public PlanExplainTests(Workspace ws) => _ws = ws;

    public sealed class Workspace : IDisposable
    {
        public TempDirectory Dir { get; } = new();
        public string Notice { get; }

        public Workspace()
        {
            File.WriteAllText(Dir.File("patients.csv"), "patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n"
                + "P1;Åse;Ærø;Kastanievej 15;8000;Aarhus C;;nej\n"
                + "P2;Bo;Berg;Vej 2;2100;København Ø;bo@example.com;ja\n"
                + "P3;Ida;Holm;Vej 3;5000;Odense C;;nej\n"
                + "P4;Eva;Lund;Vej 4;5000;Odense C;;nej\n", new UTF8Encoding(false));
            File.WriteAllText(Dir.File("devices.csv"), "patient_id;manufacturer;model;serial_number;software_version;lot_number;udi_di\n"
                + "P1;Medtronic;MiniMed 780G;NG1000001;;;\n"
                + "P1;Medtronic;MiniMed Paradigm Veo 754;NG5;2.1A;;\n"
                + "P2;Medtronic;MiniMed 780G;NG1200000;;;\n"
                + "P2;Medtronic;MiniMed Paradigm Veo 754;NG6;;L2303;\n"
                + "P2;Roche;Accu-Chek Aviva;AV1;;;\n"
                + "P3;Medtronic;MiniMed 780G;NG1000002;;;\n"
                + "P4;Medtronic;MiniMed 780G;NG1000004;;;\n");
            var import = CliRunner.Run(Dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db");
            Assert.True(import.ExitCode == 0, import.All);

            Directory.CreateDirectory(Dir.File("notice"));
            File.WriteAllText(Dir.File("notice/remediated.csv"), "serial_number;date\nNG1000002;2026-11-01\n");
            File.WriteAllText(Dir.File("notice/excluded.csv"), "patient_id\nP9\nP4\n");
            Notice = ScopedNotice.Write(Dir, """
                affected:
                  - manufacturer: Medtronic
                    models: [MiniMed 640G, MiniMed 780G]
                    serial_ranges:
                      - { from: NG1000000, to: NG1199999 }
                  - manufacturer: Medtronic
                    models: [MiniMed Paradigm Veo 754]
                    lots: [L2301, L2302]
                exclude_serials_file: remediated.csv
                exclude_patients_file: excluded.csv
                """);
        }

        public CliRunner.Result Explain(string id) => CliRunner.Run(Dir.Path, "plan", Notice, "--db", "notices.db", "--explain", id);

        public void Dispose() => Dir.Dispose();
    }

    private static void NoNames(CliRunner.Result result)
    {
        foreach (var name in new[] { "Åse", "Ærø", "Kastanievej", "Berg", "Holm", "Lund", "Aarhus", "bo@example.com" })
        {
            Assert.DoesNotContain(name, result.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_matched_patient_shows_the_rules_the_flags_and_the_letter()
    {
        var result = _ws.Explain("P1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("'P1' is a patient id", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1. Medtronic MiniMed 780G, serial NG1000001, software –, lot –, UDI-DI –", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("matched rule 1 (Medtronic: MiniMed 640G, MiniMed 780G): serial NG1000001 in range NG1000000–NG1199999", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("matched rule 2 (Medtronic: MiniMed Paradigm Veo 754): lot unknown (counted as affected)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("flag: lot unknown", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Verdict: gets a letter – FA830-DK-", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("(planned, not yet made), by post, listing 2 device(s).", result.StdOut, StringComparison.Ordinal);
        NoNames(result);
    }

    [Fact]
    public void An_unmatched_patient_gets_the_reason_of_each_device()
    {
        var result = _ws.Explain("p2");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("- serial NG1200000 is above rule 1's range NG1000000–NG1199999", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("- lot L2303 not in rule 2's lots [L2301, L2302]", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("3. Roche Accu-Chek Aviva, serial AV1", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("no rule matched: manufacturer/model not named by any rule", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Patient exclusion: none (not in excluded.csv).", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Verdict: no letter – no device matched a rule.", result.StdOut, StringComparison.Ordinal);
        NoNames(result);
    }

    [Fact]
    public void An_excluded_device_found_by_serial_names_the_list_and_line()
    {
        var result = _ws.Explain("ng1000002");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("'ng1000002' is a serial number", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Patient P3: 1 device(s) in the store.", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("matched rule 1", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("excluded: listed in remediated.csv line 2", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Verdict: no letter – every device a rule matched is excluded.", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_patient_names_the_list_and_line()
    {
        var result = _ws.Explain("P4");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Patient exclusion: listed in excluded.csv line 3.", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Verdict: no letter – the patient is listed in excluded.csv line 3.", result.StdOut, StringComparison.Ordinal);
        NoNames(result);
    }

    [Fact]
    public void An_unknown_id_exits_2_with_one_clear_line()
    {
        var result = _ws.Explain("NOBODY-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fejl: 'NOBODY-1' is neither a patient id nor a device serial number in the store notices.db.", result.StdErr.Trim());
        Assert.Empty(result.StdOut.Trim());
    }

    [Fact]
    public void Plan_counts_the_excluded_devices_and_patients_and_flags_the_unknown_lot()
    {
        var result = CliRunner.Run(_ws.Dir.Path, "plan", _ws.Notice, "--db", "notices.db");

        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains("devices excluded (remediated.csv)", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 1 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("patients excluded (excluded.csv)", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 1 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("affected patients (letters)", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 1 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("lot unknown", StringComparison.Ordinal) && l.Contains("NG5", StringComparison.Ordinal));
    }
}
