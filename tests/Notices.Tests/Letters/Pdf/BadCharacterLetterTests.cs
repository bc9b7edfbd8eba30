using Notices.Model;
using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Fonts;
using Notices.Letters.Templates;
using Notices.Tests.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Pdf;

/// <summary>
/// Patient data with control characters or characters the font lacks, as an old store (made before import
/// normalised them) can still hold: the letter is made with spaces, or fails alone with <see cref="MissingGlyphException"/>.
/// </summary>
public sealed class BadCharacterLetterTests
{
    private static readonly NoticePackage s_package = LetterTestData.Package();
    private static readonly LetterComposer s_composer = new(s_package, new NoticeTemplates(s_package));

    public static TheoryData<string> SpaceLike => new() { "\t", "\r", "\n", "\r\n", "\0", "\u2028", "\u2029", "\u0007", "\u001B", "\u0085" };

    [Theory]
    [MemberData(nameof(SpaceLike))]
    public void A_control_character_in_names_address_and_devices_prints_as_a_space(string bad)
    {
        var letter = LetterWith(bad);

        var composed = s_composer.Compose(letter, LetterTestData.LetterDate);
        using var pdf = new TempPdf(composed.Document);
        var text = Poppler.Text(pdf.Path);

        Assert.Contains("Kære Anne Marie Bøgh Hansen", text, StringComparison.Ordinal);
        Assert.Contains("Anne Marie Bøgh Hansen\nc/o Jensen\nKastanievej 15, 2. tv\n8000 Aarhus C", text, StringComparison.Ordinal);
        Assert.Contains("Patient: Anne Marie Bøgh Hansen", text, StringComparison.Ordinal);
        Assert.Contains("MiniMed 508", text, StringComparison.Ordinal);
        Assert.Contains("SN 508 001", text, StringComparison.Ordinal);
        // pdftotext itself writes \n and \f (page break); anything else would have come from the data.
        Assert.DoesNotContain(text, c => (char.IsControl(c) && c is not '\n' and not '\f') || c is '\u2028' or '\u2029');
        Assert.Contains("Kære Anne Marie Bøgh Hansen", composed.EmailText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first_name")]
    [InlineData("last_name")]
    [InlineData("address_line1")]
    [InlineData("address_line2")]
    [InlineData("city")]
    [InlineData("model")]
    [InlineData("serial_number")]
    public void A_character_the_font_lacks_fails_the_letter_with_MissingGlyphException_naming_U_674E(string field)
    {
        var letter = LetterWith(" ", field, "\t李");

        using var output = new MemoryStream();
        // Assert.Throws checks the exact type: no other exception may stand for a missing glyph.
        var ex = Assert.Throws<MissingGlyphException>(() =>
            new PdfSharpLetterWriter().Write(s_composer.Compose(letter, LetterTestData.LetterDate).Document, output));

        Assert.Equal(0x674E, ex.CodePoint);
        Assert.Equal(letter.LetterId, ex.LetterId);
        Assert.Contains("U+674E", ex.Message, StringComparison.Ordinal);
        Assert.Contains(letter.LetterId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("李", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    /// <summary>A post letter whose every patient and device field holds <paramref name="separator"/> between words;
    /// <paramref name="field"/>, when given, also gets <paramref name="extra"/> appended.</summary>
    private static PlannedLetter LetterWith(string separator, string? field = null, string extra = "")
    {
        string Value(string name, string text) => name == field ? text + extra : text;
        var recipient = LetterTestData.Recipient(
            firstName: Value("first_name", $"Anne{separator}Marie"),
            lastName: Value("last_name", $"Bøgh{separator}Hansen"),
            addressLine1: Value("address_line1", $"Kastanievej{separator}15, 2. tv"),
            addressLine2: Value("address_line2", $"c/o{separator}Jensen"),
            city: Value("city", $"Aarhus{separator}C"));
        var device = new AffectedDevice("Medtek", Value("model", $"MiniMed{separator}508"), Value("serial_number", $"SN{separator}508{separator}001"), "2.6A", VersionUnknown: false);
        return LetterTestData.Letter(recipient, [device]) with { Channel = DeliveryChannelKind.Email };
    }
}
