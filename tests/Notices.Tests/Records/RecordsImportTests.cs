using Notices.Model;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>Successful imports: encodings, delimiters, header handling, warnings, re-import.</summary>
public sealed class RecordsImportTests : IDisposable
{
    private readonly RecordsTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Windows1252_semicolon_file_keeps_danish_letters()
    {
        var encoding = CsvTextDecoder.Windows1252;
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            "P1;Søren;Østergaard;Kastanievej 15, 2. tv;c/o Bæk;2100;København Ø;DK;soren@example.com;ja;nej",
            "P2;Åse;Ærø;Åboulevard 3;;5000;Odense C;;;nej;ja",
        ], encoding);
        var devices = _store.WriteFile("devices.csv",
        [
            "patient_id;manufacturer;model;serial_number;software_version",
            "P1;Medtronic;Paradigm™ 722;NG0000001;2.6A",
        ], encoding);
        Assert.Equal(0xF8, File.ReadAllBytes(patients)[Array.IndexOf(File.ReadAllBytes(patients), (byte)'S', 100) + 1]);

        var result = _store.Import(patients, devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportFileSummary("patients.csv", "Windows-1252", ';', 2), result.Files[0]);
        Assert.Equal("Windows-1252", result.Files[1].Encoding);
        var soren = _store.Patient("P1");
        Assert.Equal(("Søren", "Østergaard", "Kastanievej 15, 2. tv", "c/o Bæk", "København Ø"),
            (soren.FirstName, soren.LastName, soren.AddressLine1, soren.AddressLine2, soren.City));
        Assert.True(soren.EmailConsent);
        Assert.True(soren.CanReceiveEmail);
        var aase = _store.Patient("P2");
        Assert.Equal(("Åse", "Ærø", "DK"), (aase.FirstName, aase.LastName, aase.Country));
        Assert.True(aase.LargePrint);
        Assert.Equal("Paradigm™ 722", Assert.Single(_store.Devices("P1")).Model);
    }

    [Fact]
    public void Utf8_bom_comma_file_imports_with_quoted_commas()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            "patient_id,first_name,last_name,address_line1,postal_code,city,email,email_consent",
            "P1,Jørgen,Møller,\"Kastanievej 15, 2. tv\",8000,Aarhus C,jm@patients.test,yes",
        ], bom: true);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportFileSummary("patients.csv", "UTF-8 BOM", ',', 1), result.Files[0]);
        var p = _store.Patient("P1");
        Assert.Equal(("P1", "Jørgen", "Møller", "Kastanievej 15, 2. tv"), (p.PatientId, p.FirstName, p.LastName, p.AddressLine1));
        Assert.Equal("DK", p.Country);
        Assert.True(p.CanReceiveEmail);
    }

    [Fact]
    public void Decomposed_unicode_is_normalised_to_nfc_and_whitespace_trimmed()
    {
        var decomposed = "A\u030Ase"; // Å written as A + combining ring
        var patients = _store.WriteFile("patients.csv",
        [
            "patient_id;first_name;last_name",
            $"  P1 ;\u00A0{decomposed} ; Bæk ",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var p = _store.Patient("P1");
        Assert.Equal("\u00C5se", p.FirstName);
        Assert.Equal("Bæk", p.LastName);
    }

    [Fact]
    public void Bad_email_is_a_warning_and_the_patient_goes_to_post()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;jens.hansen@example.com;ja;nej",
            "P2;Mette;Kjær;Skovvej 9;;7100;Vejle;DK;mette.kjaer(at)example.com;ja;nej",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.PatientsAdded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(new ImportIssue("patients.csv", 3, "email address is not valid; patient 'P2' will get the letter by post", false), warning);
        var mette = _store.Patient("P2");
        Assert.False(mette.EmailValid);
        Assert.False(mette.CanReceiveEmail);
        Assert.True(mette.HasPostalAddress);
        Assert.True(_store.Patient("P1").EmailValid);
    }

    [Fact]
    public void Unreachable_patient_is_imported_with_a_warning()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            "P1;Jens;Hansen;;;8000;Aarhus C;DK;;nej;nej",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("unreachable", warning.Reason, StringComparison.Ordinal);
        Assert.False(_store.Patient("P1").HasPostalAddress);
    }

    [Fact]
    public void Reimport_updates_a_patients_address_and_replaces_only_listed_device_sets()
    {
        _store.SeedBaseline();
        var first = _store.Patient("S1").UpdatedAt;
        var later = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            "S1;Søren;Østergaard;Lærkevej 7, st. th;;4000;Roskilde;DK;soren@example.com;ja;nej",
            "S2;Åse;Bæk;Ærøgade 3;;5000;Odense C;;;nej;ja",
            "N1;Ny;Patient;Hybenvej 1;;9000;Aalborg;DK;;;",
        ]);
        var devices = _store.WriteFile("devices.csv",
        [
            "patient_id;manufacturer;model;serial_number;software_version",
            "S1;Medtronic;MiniMed 780G;NG0000099;6.3A",
        ]);

        var result = _store.Import(patients, devices, later);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((1, 1, 1, 1), (result.PatientsAdded, result.PatientsUpdated, result.PatientsUnchanged, result.DevicesImported));
        var s1 = _store.Patient("S1");
        Assert.Equal(("Lærkevej 7, st. th", "4000", "Roskilde"), (s1.AddressLine1, s1.PostalCode, s1.City));
        Assert.Equal(later, s1.UpdatedAt);
        Assert.Equal(first, _store.Patient("S2").UpdatedAt);
        Assert.Equal(["NG0000099"], _store.Devices("S1").Select(d => d.SerialNumber));
        Assert.Equal(["NG0000003"], _store.Devices("S2").Select(d => d.SerialNumber));
    }

    [Theory]
    [InlineData("ja", true)]
    [InlineData("JA", true)]
    [InlineData("Yes", true)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("nej", false)]
    [InlineData("NO", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Boolean_variants_are_read_for_consent_and_large_print(string value, bool expected)
    {
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            $"P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;jens@example.com; {value} ;{value}",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var p = _store.Patient("P1");
        Assert.Equal((expected, expected), (p.EmailConsent, p.LargePrint));
    }

    [Fact]
    public void Invalid_boolean_is_an_error()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            RecordsTestStore.PatientsHeader,
            "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;jens@example.com;ja;y",
        ]);

        var result = _store.Import(patients, null);

        Assert.Equal(
            [new ImportIssue("patients.csv", 2, "large_print 'y' is not one of ja/nej/yes/no/true/false/1/0 (patient_id 'P1')", true)],
            result.Errors);
        Assert.Equal("", _store.Snapshot());
    }

    [Fact]
    public void Columns_in_any_order_with_upper_case_headers_and_extra_columns()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            " CITY ;Kundenr;LAST_NAME;Email_Consent;POSTAL_CODE;First_Name;Patient_ID;Address_Line1;EMAIL;Country",
            "Aarhus C;991;Hansen;ja;8000;Jens;P1;Bøgevej 2;jens@example.com;dk",
        ]);
        var devices = _store.WriteFile("devices.csv",
        [
            "SOFTWARE_VERSION;Serial_Number;Model;Notes;PATIENT_ID",
            "2.10A;NG123;Paradigm Veo 754;ring tilbage;P1",
        ]);

        var result = _store.Import(patients, devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var p = _store.Patient("P1");
        Assert.Equal(("Jens", "Hansen", "Bøgevej 2", "8000", "Aarhus C", "DK"),
            (p.FirstName, p.LastName, p.AddressLine1, p.PostalCode, p.City, p.Country));
        Assert.True(p.CanReceiveEmail);
        var device = Assert.Single(_store.Devices("P1"));
        Assert.Equal(("", "Paradigm Veo 754", "NG123", "2.10A"), (device.Manufacturer, device.Model, device.SerialNumber, device.SoftwareVersion));
    }

    [Fact]
    public void Bare_delimiter_rows_are_ignored_and_stray_quotes_warned()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            "patient_id;first_name;last_name;address_line1;postal_code;city",
            "P1;Jens;Hansen;Bager \"Jens\" Vej 1;8000;Aarhus C",
            ";;;;;",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(1, result.PatientsAdded);
        Assert.Equal("Bager \"Jens\" Vej 1", _store.Patient("P1").AddressLine1);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public void Excel_sep_line_sets_the_delimiter_and_line_numbers_still_count_it()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            "sep=,",
            "patient_id,first_name,last_name,address_line1,postal_code,city,email",
            "P1,Jens,Hansen,Bøgevej 2,8000,Aarhus C,jens@@example.com",
        ]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(',', result.Files[0].Delimiter);
        Assert.Equal(3, Assert.Single(result.Warnings).Line);
        Assert.Equal("Hansen", _store.Patient("P1").LastName);
    }

    [Fact]
    public void Header_only_file_imports_nothing_with_a_warning()
    {
        var patients = _store.WriteFile("patients.csv", [RecordsTestStore.PatientsHeader]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded);
        Assert.Equal(new ImportIssue("patients.csv", 1, "the file has a header but no data records", false), Assert.Single(result.Warnings));
        Assert.Equal("", _store.Snapshot());
    }
}
