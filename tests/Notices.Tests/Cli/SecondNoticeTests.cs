using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// The second notice under templates/ (nv2611-flowport: an invented infusion-pump battery recall) from import to sent
/// letters: a serial range scopes one model and production lots the other, the window is on the right and the letter
/// carries a logo. The records hold a pump on each edge of the range and one just outside it, lots in and out of the
/// list and a pump whose lot is unknown.
/// </summary>
public sealed class SecondNoticeTests : IDisposable
{
    private const string Campaign = "nv2611-flowport-dk";
    private readonly TempDirectory _dir = new();
    private static string Notice => Path.Combine(RepoPaths.Root, "templates", "nv2611-flowport");

    public SecondNoticeTests()
    {
        var patients = _dir.File("patients.csv");
        File.WriteAllText(patients, """
            patient_id;first_name;last_name;address_line1;address_line2;postal_code;city;country;email;email_consent;large_print
            N01;Karen;Østergård;Vestergade 12;;8000;Aarhus C;DK;n01@patients.test;ja;nej
            N02;Jens;Ibsen;Skovbrynet 4, st. th.;;8240;Risskov;DK;;nej;nej
            N03;Lise;Dam;Søndergade 30;;8700;Horsens;DK;;nej;nej
            N04;Ove;Brøndum;Åvej 2;;9000;Aalborg;DK;;nej;nej
            N05;Mette;Krag;Bygaden 8;;7100;Vejle;DK;;nej;nej
            N06;Bo;Hald;Kirkevej 19;;6700;Esbjerg;DK;;nej;nej
            N07;Rikke;Lund;Torvet 1;;5000;Odense C;DK;;nej;nej
            N08;Aksel;Friis;Strandvejen 77;;2900;Hellerup;DK;;nej;nej

            """, new UTF8Encoding(false));
        var devices = _dir.File("devices.csv");
        File.WriteAllText(devices, """
            patient_id;manufacturer;model;serial_number;software_version;lot_number;udi_di
            N01;Nordvik Medical;FlowPort 3;FP3000100;1.4;;
            N02;Nordvik Medical;FlowPort 3;FP3004999;1.4;;
            N03;Nordvik Medical;FlowPort 3;FP3005000;1.4;;
            N04;Nordvik Medical;FlowPort 3 Plus;FPP0004410;2.0;B2408;
            N05;Nordvik Medical;FlowPort 3 Plus;FPP0004411;2.0;B2409;
            N06;Nordvik Medical;FlowPort 3 Plus;FPP0004412;2.0;;
            N07;Medtronic;MiniMed Paradigm 512;NG1000074H;;;
            N08;Nordvik Medical;FP-3;FP3000099;1.4;;

            """, new UTF8Encoding(false));
        var import = Cli("import", "--patients", patients, "--devices", devices, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Range_edges_and_listed_lots_get_letters_and_an_unknown_lot_is_flagged()
    {
        var plan = Cli("plan", Notice, "--db", "s.db", "--all");

        Assert.True(plan.ExitCode == 0, plan.All);
        foreach (var id in new[] { "N01", "N02", "N04", "N06" })
        {
            Assert.Contains(id, plan.StdOut, StringComparison.Ordinal);
        }

        foreach (var id in new[] { "N03", "N05", "N07", "N08" })
        {
            Assert.DoesNotContain(id + " ", plan.StdOut, StringComparison.Ordinal);
        }

        Assert.Matches(@"affected patients \(letters\)\s*│\s*4", plan.StdOut);
        Assert.Contains("lot", plan.StdOut, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Approved_and_sent_the_letters_carry_the_logo_and_the_address_sits_in_the_right_hand_window()
    {
        var approve = Cli("approve", Notice, "--by", "RA-test", "--db", "s.db");
        Assert.True(approve.ExitCode == 0, approve.All);

        var send = Cli("send", Notice, "--db", "s.db", "--out", "out", "--date", "2026-12-01");

        Assert.True(send.ExitCode == 0, send.All);
        var letters = Directory.GetFiles(Path.Combine(_dir.Path, "out", Campaign, "letters"), "*.pdf").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, letters.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "out", Campaign, "email"), "*.eml"));

        var post = letters.Single(l => Poppler.RawText(l).Contains("Skovbrynet", StringComparison.Ordinal));
        var text = Poppler.RawText(post);
        Assert.Contains("1. december 2026", text, StringComparison.Ordinal);
        Assert.Contains("Nordvik Medical ApS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FP3005000", text, StringComparison.Ordinal);
        // The letter's own device table names N02's pump and no one else's.
        Assert.Matches(@"FlowPort 3\s+FP3004999", text);
        Assert.DoesNotContain("FP3000100 ", text.Replace("FP3000100 til", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // N06's pump was included because its lot is unknown: the letter says so; N04's names its lot.
        var unknownLot = Poppler.RawText(letters.Single(l => Poppler.RawText(l).Contains("FPP0004412", StringComparison.Ordinal)));
        Assert.Contains("ukendt**", unknownLot, StringComparison.Ordinal);
        Assert.Contains("Lotnummeret er ikke registreret", unknownLot, StringComparison.Ordinal);
        Assert.Contains("B2408", Poppler.RawText(letters.Single(l => Poppler.RawText(l).Contains("FPP0004410", StringComparison.Ordinal))), StringComparison.Ordinal);

        // pdfimages lists the logo on page 1.
        var images = Poppler.Run("pdfimages", "-list", post);
        Assert.Contains("image", images, StringComparison.Ordinal);

        // The recipient's street starts inside the right-hand window (110 mm from the left edge = 311.8 pt).
        var bbox = Poppler.Run("pdftotext", "-bbox", "-f", "1", "-l", "1", post, "-");
        var street = System.Text.RegularExpressions.Regex.Match(bbox, "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>Skovbrynet</word>");
        Assert.True(street.Success, bbox);
        var x = double.Parse(street.Groups[1].Value, CultureInfo.InvariantCulture);
        var y = double.Parse(street.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(x, 110 * 72 / 25.4, 200 * 72 / 25.4);
        Assert.InRange(y, 50 * 72 / 25.4, 95 * 72 / 25.4);
    }

    [Fact]
    public void Explain_says_why_the_pump_just_past_the_range_got_no_letter()
    {
        var explain = Cli("plan", Notice, "--db", "s.db", "--explain", "FP3005000");

        Assert.True(explain.ExitCode == 0, explain.All);
        Assert.Contains("N03", explain.StdOut, StringComparison.Ordinal);
        Assert.Contains("FP3004999", explain.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Søndergade", explain.All, StringComparison.Ordinal);
    }

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, args);
}
