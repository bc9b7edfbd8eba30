using Notices.Model;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>
/// Control characters: TAB, CR, LF (Excel's Alt+Enter in a quoted cell) and the rest become single spaces with a
/// warning naming the line; NUL is refused as a structural error.
/// </summary>
public sealed class RecordsControlCharacterTests : IDisposable
{
    private const string H = RecordsTestStore.PatientsHeader;
    private const string DevicesHeader = "patient_id;manufacturer;model;serial_number;software_version";
    private readonly RecordsTestStore _store = new();

    public RecordsControlCharacterTests() => _store.SeedBaseline();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Tab_line_breaks_and_other_controls_in_text_fields_become_single_spaces_with_a_warning()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens\tPeter;Hansen;\"Bøgevej 2\nbaghuset\";\"c/o Bæk \r\n 2. sal\";8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær\u000B;Skovvej\u0007 9;;7100;Vejle;DK;;nej;nej",
            "P3;Ida;Holm\u0085Nielsen;Vej\u2028 3;;8000;Aarhus C;DK;;nej;nej",
            "P4;\tAnne\t;Berg;Vej 4;;8000;Aarhus C;DK;;nej;nej",
            "P5;Bo;Berg;Vej 5;;8000;Aarhus C;DK;;nej;nej",
        ]);
        var devices = _store.WriteFile("devices.csv", [DevicesHeader, "P1;Medtronic;\"Paradigm\n522\";NG1\t7;2.6A"]);

        var result = _store.Import(patients, devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var p1 = _store.Patient("P1");
        Assert.Equal(("Jens Peter", "Bøgevej 2 baghuset", "c/o Bæk 2. sal"), (p1.FirstName, p1.AddressLine1, p1.AddressLine2));
        var p2 = _store.Patient("P2");
        Assert.Equal(("Kjær", "Skovvej 9"), (p2.LastName, p2.AddressLine1));
        var p3 = _store.Patient("P3");
        Assert.Equal(("Holm Nielsen", "Vej 3"), (p3.LastName, p3.AddressLine1));
        Assert.Equal("Anne", _store.Patient("P4").FirstName);
        var device = Assert.Single(_store.Devices("P1"));
        Assert.Equal(("Paradigm 522", "NG1 7"), (device.Model, device.SerialNumber));

        var warnings = result.Warnings.Where(w => w.Reason.Contains("control character", StringComparison.Ordinal)).ToList();
        // P1's record spans lines 2-4 (two line breaks inside quotes), so P2 starts on line 5.
        Assert.Equal([("patients.csv", 2), ("patients.csv", 5), ("patients.csv", 6), ("patients.csv", 7), ("devices.csv", 2)],
            warnings.Select(w => (w.File, w.Line)));
        Assert.Contains("first_name", warnings[0].Reason, StringComparison.Ordinal);
        Assert.Contains("address_line1", warnings[0].Reason, StringComparison.Ordinal);
        Assert.Contains("address_line2", warnings[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Jens", string.Join("\n", result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Nul_in_a_patient_field_is_a_structural_error_naming_the_line()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kj\u0000r;Skovvej 9;;7100;Vejle;DK;;nej;nej",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("patients.csv", 3), (error.File, error.Line));
        Assert.Contains("NUL", error.Reason, StringComparison.Ordinal);
        Assert.Contains("last_name", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Nul_in_a_device_field_is_a_structural_error_naming_the_line()
    {
        var patients = _store.WriteFile("patients.csv", [H, "P1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = _store.WriteFile("devices.csv", [DevicesHeader, "P1;Medtronic;Paradigm 522;NG1;2.6A", "P1;Medtronic;Paradigm 722;NG\u00002;2.6A"]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("devices.csv", 3), (error.File, error.Line));
        Assert.Contains("serial_number", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }
}
