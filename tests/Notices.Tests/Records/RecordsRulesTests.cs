using System.Text;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

public sealed class RecordsRulesTests
{
    [Theory]
    [InlineData("ja", true, true)]
    [InlineData(" Nej ", true, false)]
    [InlineData("YES", true, true)]
    [InlineData(null, true, false)]
    [InlineData("2", false, false)]
    [InlineData("sand", false, false)]
    public void CsvBool_parses_the_contract_values(string? text, bool ok, bool value)
    {
        Assert.Equal(ok, CsvBool.TryParse(text, out var result));
        Assert.Equal(value, result);
    }

    [Theory]
    [InlineData("ole@example.com", true)]
    // Letters beyond ASCII in the local part go by SMTPUTF8 (issue 20); spaces, invisible and symbol characters do not.
    [InlineData("søren.østergaard@patients.test", true)]
    [InlineData("jørgen\u200B@patients.test", false)]
    [InlineData("jørgen→@patients.test", false)]
    [InlineData("jør gen@patients.test", false)]
    [InlineData("ole@ærø.example.com", true)]
    [InlineData("a.b+tag@sub.example.com", true)]
    [InlineData("ole@example", false)]
    [InlineData("ole@@example.com", false)]
    [InlineData("ole@exa@mple.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("ole @example.com", false)]
    [InlineData("ole@example..com", false)]
    [InlineData("Ole <ole@example.com>", false)]
    [InlineData("", false)]
    public void EmailAddressRule_is_pragmatic(string address, bool valid) =>
        Assert.Equal(valid, EmailAddressRule.IsValid(address));

    [Theory]
    [InlineData("a;b;c\n1,5;2;3", ';')]
    [InlineData("a,b,c\n1;2;3", ',')]
    [InlineData("\"x;y\",b,c\n", ',')]
    [InlineData("\r\n\r\na;b\n", ';')]
    [InlineData("single\n", ',')]
    public void Delimiter_is_detected_from_the_header_outside_quotes(string text, char expected) =>
        Assert.Equal(expected, CsvDelimiterDetector.Detect(text));

    [Fact]
    public void Detector_tells_utf8_from_windows1252()
    {
        const string text = "Søren Ærø på Åboulevard – “citat” €";
        Assert.Equal(CsvEncodingKind.Utf8, Detect(new UTF8Encoding(false).GetBytes(text)));
        Assert.Equal(CsvEncodingKind.Utf8Bom, Detect([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(CsvEncodingKind.Windows1252, Detect(CsvTextDecoder.Windows1252.GetBytes(text)));
        Assert.Equal(CsvEncodingKind.Utf16, Detect([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]));
    }

    private static CsvEncodingKind Detect(byte[] bytes) => CsvTextDecoder.Detect(new MemoryStream(bytes), maxListed: 10).Kind;
}
