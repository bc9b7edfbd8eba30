using Notices.Model;
using System.Text;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>
/// Encoding: a UTF-8 file with a few invalid bytes is refused with the lines that hold them; only a file without a
/// single valid multi-byte UTF-8 sequence is read as Windows-1252.
/// </summary>
public sealed class RecordsEncodingTests : IDisposable
{
    private const string H = RecordsTestStore.PatientsHeader;
    private readonly RecordsTestStore _store = new();

    public RecordsEncodingTests() => _store.SeedBaseline();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Utf8_file_with_stray_windows1252_bytes_is_refused_naming_the_lines_and_imports_nothing()
    {
        // Lines 2 and 4 are UTF-8; lines 3 and 5 each hold one byte pasted in from a Windows-1252 source.
        var path = WriteBytes("patients.csv",
            Utf8(H + "\r\n"),
            Utf8("P1;Søren;Østergaard;Kastanievej 15;;2100;København Ø;DK;;nej;nej\r\n"),
            Utf8("P2;J"), [0xF8], Utf8("rgen;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej\r\n"),
            Utf8("P3;Åse;Bæk;Ærøgade 3;;5000;Odense C;DK;;nej;nej\r\n"),
            Utf8("P4;Ida;Kj"), [0xE6], Utf8("r;Skovvej 9;;7100;Vejle;DK;;nej;nej\r\n"));
        var before = _store.Snapshot();

        var result = _store.Import(path, null);

        Assert.False(result.Succeeded);
        Assert.Equal([("patients.csv", 3), ("patients.csv", 5)], result.Errors.Select(e => (e.File, e.Line)));
        Assert.Contains("0xF8", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("0xE6", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.Contains("UTF-8", e.Reason, StringComparison.Ordinal));
        Assert.Equal(0, result.PatientsAdded);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Utf8_bom_file_with_one_invalid_byte_is_refused_even_without_other_multibyte_text()
    {
        var path = WriteBytes("patients.csv",
            [0xEF, 0xBB, 0xBF], Utf8(H + "\r\nP1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej\r\nP2;S"), [0xF8],
            Utf8("ren;Berg;Vej 2;;8000;Aarhus C;DK;;nej;nej\r\n"));
        var before = _store.Snapshot();

        var result = _store.Import(path, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Invalid_bytes_in_devices_csv_are_refused_too()
    {
        var patients = _store.WriteFile("patients.csv", [H, "P1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = WriteBytes("devices.csv",
            Utf8("patient_id;manufacturer;model;serial_number\r\nP1;Medtronic;Paradigm™ 722;NG1\r\nP1;Medtronic;Paradigm"), [0x99],
            Utf8(" 522;NG2\r\n"));
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("devices.csv", 3), (error.File, error.Line));
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Genuine_windows1252_file_with_danish_letters_and_typographic_characters_imports()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Søren;Østergård;Æblehaven 3, 1. th;c/o “Bæk” – ½;8000;Aarhus C;DK;;nej;nej",
            "P2;Åse;Ærø-Møller;Åboulevarden 3;;8000;Aarhus C;DK;aase@patients.test;ja;nej",
        ], CsvTextDecoder.Windows1252);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("Windows-1252", result.Files[0].Encoding);
        var soren = _store.Patient("P1");
        Assert.Equal(("Søren", "Østergård", "Æblehaven 3, 1. th", "c/o “Bæk” – ½"),
            (soren.FirstName, soren.LastName, soren.AddressLine1, soren.AddressLine2));
        Assert.Equal("Ærø-Møller", _store.Patient("P2").LastName);
    }

    [Fact]
    public void Pure_ascii_file_imports_as_utf8()
    {
        var patients = _store.WriteFile("patients.csv", [H, "P1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej"], Encoding.ASCII);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("UTF-8", result.Files[0].Encoding);
    }

    [Fact]
    public void Detector_keeps_a_multibyte_sequence_split_across_read_buffers_and_counts_lines()
    {
        // 'ø' (C3 B8) on line 2 straddles the 64 KiB buffer boundary; a stray 0xF8 follows on line 3.
        var prefix = Enumerable.Repeat((byte)'a', 65_535).ToArray();
        prefix[100] = (byte)'\n';
        byte[] bytes = [.. prefix, 0xC3, 0xB8, (byte)'\n', (byte)'x', 0xF8, (byte)'\n'];

        var scan = CsvTextDecoder.Detect(new MemoryStream(bytes), maxListed: 10);

        Assert.Equal(2, scan.FirstMultiByteLine);
        Assert.Equal([new CsvInvalidByte(3, 0xF8)], scan.InvalidBytes);
        Assert.Equal(1, scan.InvalidLineCount);
        Assert.Equal(CsvEncodingKind.MixedUtf8, scan.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x3B, 0x62, 0x0A }, CsvEncodingKind.Utf8)]
    [InlineData(new byte[] { 0x61, 0xC3, 0xB8, 0x0A }, CsvEncodingKind.Utf8)]
    [InlineData(new byte[] { 0x61, 0xF8, 0x0A, 0xE6, 0x72 }, CsvEncodingKind.Windows1252)]
    [InlineData(new byte[] { 0xC3, 0xB8, 0x0A, 0xF8 }, CsvEncodingKind.MixedUtf8)]
    [InlineData(new byte[] { 0xE2, 0x80, 0x93, 0x0A, 0x96 }, CsvEncodingKind.MixedUtf8)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, CsvEncodingKind.Utf8Bom)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xF8 }, CsvEncodingKind.MixedUtf8)]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, CsvEncodingKind.Utf16)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, CsvEncodingKind.Windows1252)]
    public void Detector_applies_the_rule(byte[] bytes, CsvEncodingKind expected) =>
        Assert.Equal(expected, CsvTextDecoder.Detect(new MemoryStream(bytes), maxListed: 10).Kind);

    private string WriteBytes(string name, params byte[][] parts)
    {
        var path = Path.Combine(_store.Directory, name);
        File.WriteAllBytes(path, parts.SelectMany(p => p).ToArray());
        return path;
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
