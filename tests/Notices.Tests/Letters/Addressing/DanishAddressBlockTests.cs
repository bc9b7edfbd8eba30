using Xunit;
using Notices.Campaigns;
using Notices.Letters.Addressing;

namespace Notices.Tests.Letters.Addressing;

public sealed class DanishAddressBlockTests
{
    private static RecipientSnapshot Recipient(
        string firstName = "Søren",
        string lastName = "Ærø",
        string? line1 = "Kastanievej 15, 2. tv",
        string? line2 = null,
        string? postalCode = "8000",
        string? city = "Aarhus C",
        string country = "DK") => new()
        {
            PatientId = "P-1",
            FirstName = firstName,
            LastName = lastName,
            AddressLine1 = line1,
            AddressLine2 = line2,
            PostalCode = postalCode,
            City = city,
            Country = country,
        };

    [Fact]
    public void Danish_Address_HasNameStreetPostalCityAndNoCountry()
    {
        var result = DanishAddressBlock.Format(Recipient());

        Assert.Equal(["Søren Ærø", "Kastanievej 15, 2. tv", "8000 Aarhus C"], result.Lines);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void CareOf_ComesBetweenNameAndStreet()
    {
        var result = DanishAddressBlock.Format(Recipient(line2: "  c/o   Hansen "));

        Assert.Equal(["Søren Ærø", "c/o Hansen", "Kastanievej 15, 2. tv", "8000 Aarhus C"], result.Lines);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("SE", "SVERIGE")]
    [InlineData("se", "SVERIGE")]
    [InlineData("DE", "TYSKLAND")]
    [InlineData("NO", "NORGE")]
    [InlineData("GB", "STORBRITANNIEN")]
    [InlineData("PL", "POLEN")]
    [InlineData("FO", "FÆRØERNE")]
    public void Abroad_DanishCountryNameInUpperCaseIsLastLine(string code, string expected)
    {
        var result = DanishAddressBlock.Format(Recipient(line1: "Storgatan 3", postalCode: "211 42", city: "Malmö", country: code));

        Assert.Equal(["Søren Ærø", "Storgatan 3", "211 42 Malmö", expected], result.Lines);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void UnknownCountryCode_FallsBackToCodeWithWarning()
    {
        var result = DanishAddressBlock.Format(Recipient(country: "xq"));

        Assert.Equal("XQ", result.Lines[^1]);
        Assert.Contains(result.Warnings, w => w.Contains("XQ", StringComparison.Ordinal));
    }

    [Fact]
    public void LongStreet_IsWrappedAtASpace_WithWarning()
    {
        var street = "Den Gamle Kongevej ved Søndre Skovbrynet og Møllen 115, 3. sal th";
        Assert.True(street.Length > DanishAddressBlock.MaxLineLength);

        var result = DanishAddressBlock.Format(Recipient(line1: street));

        Assert.Equal(4, result.Lines.Count);
        Assert.Equal("Den Gamle Kongevej ved Søndre Skovbrynet og Møllen", result.Lines[1]);
        Assert.Equal("115, 3. sal th", result.Lines[2]);
        Assert.Equal(street, result.Lines[1] + " " + result.Lines[2]);
        Assert.All(result.Lines, l => Assert.True(l.Length <= DanishAddressBlock.MaxLineLength));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("address_line1", warning, StringComparison.Ordinal);
        Assert.Contains("delt på to linjer", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Kongevej", warning, StringComparison.Ordinal); // warnings carry no address data
    }

    [Fact]
    public void SixLineLimit_WrapsTheStreetFirst_AndTruncatesWhatNoLongerFits()
    {
        var longName = "Anne-Marie Christiansen-Østergaard Bøgh-Frederiksen";
        var longLast = "Vestergaard-Rasmussen";
        var longStreet = "Den Gamle Kongevej ved Søndre Skovbrynet og Møllen 115, 3. sal th";
        var longCareOf = "c/o Plejecentret Solbakken, afdeling Rosenhaven, værelse 12";

        var result = DanishAddressBlock.Format(Recipient(
            firstName: longName, lastName: longLast, line1: longStreet, line2: longCareOf, country: "SE"));

        Assert.Equal(DanishAddressBlock.MaxLines, result.Lines.Count);
        Assert.All(result.Lines, l => Assert.True(l.Length <= DanishAddressBlock.MaxLineLength));
        Assert.Equal("SVERIGE", result.Lines[^1]);
        Assert.Equal("8000 Aarhus C", result.Lines[^2]);
        // street wrapped (priority 1); c/o and name did not fit a second line and were truncated with '…'
        Assert.Equal("Den Gamle Kongevej ved Søndre Skovbrynet og Møllen", result.Lines[2]);
        Assert.Equal("115, 3. sal th", result.Lines[3]);
        Assert.EndsWith("…", result.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("…", result.Lines[1], StringComparison.Ordinal);
        Assert.Equal(DanishAddressBlock.MaxLineLength, result.Lines[0].Length);
        Assert.StartsWith("c/o Plejecentret Solbakken", result.Lines[1], StringComparison.Ordinal);
        Assert.Equal(3, result.Warnings.Count);
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("afkortet", StringComparison.Ordinal)));
    }

    [Fact]
    public void LineWithoutSpace_IsTruncatedWithEllipsisAndWarning()
    {
        var result = DanishAddressBlock.Format(Recipient(line1: new string('x', 60)));

        Assert.Equal(new string('x', 53) + "…", result.Lines[1]);
        Assert.Contains(result.Warnings, w => w.Contains("afkortet", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingPostalCodeAndStreet_AreReported()
    {
        var result = DanishAddressBlock.Format(Recipient(line1: null, postalCode: null));

        Assert.Equal(["Søren Ærø", "Aarhus C"], result.Lines);
        Assert.Equal(2, result.Warnings.Count);
    }
}
