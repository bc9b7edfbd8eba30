using Notices.Ledger;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>CsvCell still guards report-ledger.csv and unescapes manifest cells on reading (report.csv and manifest.csv are written by CsvHelper).</summary>
public sealed class CsvCellTests
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
}
