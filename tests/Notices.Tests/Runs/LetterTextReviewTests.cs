using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Fonts;
using Notices.Letters.Templates;
using Notices.Runs;
using Notices.Tests.Letters.Templates;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>
/// Plan's check of the text a letter prints must agree with the renderer: it reports a missing glyph exactly when
/// writing the PDF throws <see cref="MissingGlyphException"/>, even when a character is only missing from one face.
/// </summary>
public sealed class LetterTextReviewTests
{
    // Arabic letter meem (U+0645): DejaVu Sans has it upright, not in oblique.
    private const string Meem = "\u0645";

    /// <summary>The first name is printed in italic here, the city only upright (address block).</summary>
    private static readonly NoticePackage s_italicName = LetterTestData.Package(letterTemplate: "Kære *{{patient.first_name}}* {{patient.last_name}}\n\n{{enheder}}\n");

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "first_name", "李", true },
        { "city", "李", true },
        { "model", "李", true },
        { "email", "李", false },          // the letter never prints the email address
        { "first_name", Meem, true },       // printed in italic, which lacks it
        { "city", Meem, false },            // printed upright only
        { "address_line1", "\t", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_reports_a_missing_glyph_exactly_when_the_pdf_cannot_be_written(string field, string text, bool expectFailure)
    {
        var letter = LetterWith(field, text);
        var composer = new LetterComposer(s_italicName, new NoticeTemplates(s_italicName));

        var problems = new LetterTextReview(composer, LetterTestData.LetterDate).Check(letter).ToList();
        var renderFailure = Render(composer, letter);

        var glyphProblem = problems.SingleOrDefault(p => p.Kind == PlanProblemKind.MissingGlyph);
        Assert.Equal(expectFailure, renderFailure is not null);
        Assert.Equal(renderFailure is not null, glyphProblem is not null);
        if (glyphProblem is not null)
        {
            var code = MissingGlyphException.FormatCodePoint(char.ConvertToUtf32(text, 0));
            Assert.Contains(field + " " + code, glyphProblem.Message, StringComparison.Ordinal);
            Assert.Contains(renderFailure!.CodePointText, glyphProblem.Message, StringComparison.Ordinal);
            Assert.Equal(letter.LetterId, glyphProblem.LetterId);
            Assert.Equal(letter.Recipient.PatientId, glyphProblem.PatientId);
            Assert.DoesNotContain(text, glyphProblem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Control_characters_are_reported_by_field_and_code_point()
    {
        var letter = LetterWith("address_line1", "\t");
        letter = letter with { Recipient = letter.Recipient with { LastName = "Hansen\r\nJensen" } };
        var composer = new LetterComposer(s_italicName, new NoticeTemplates(s_italicName));

        var problem = Assert.Single(new LetterTextReview(composer, LetterTestData.LetterDate).Check(letter));

        Assert.Equal(PlanProblemKind.ControlCharacters, problem.Kind);
        Assert.Equal("last_name, address_line1: control characters (U+0009, U+000A, U+000D) are printed as spaces.", problem.Message);
    }

    private static MissingGlyphException? Render(LetterComposer composer, PlannedLetter letter)
    {
        try
        {
            new PdfSharpLetterWriter().Write(composer.Compose(letter, LetterTestData.LetterDate).Document, Stream.Null);
            return null;
        }
        catch (MissingGlyphException ex)
        {
            return ex;
        }
    }

    private static PlannedLetter LetterWith(string field, string text)
    {
        var r = LetterTestData.Recipient();
        r = field switch
        {
            "first_name" => r with { FirstName = "Anne" + text },
            "city" => r with { City = "Aarhus " + text },
            "email" => r with { Email = text + "@example.com" },
            "address_line1" => r with { AddressLine1 = "Kastanievej" + text + "15" },
            _ => r,
        };
        var model = field == "model" ? "MiniMed 508" + text : "MiniMed 508";
        return LetterTestData.Letter(r, [new AffectedDevice("Medtek", model, "SN-1", "2.6A", VersionUnknown: false)]) with { Channel = DeliveryChannelKind.Post };
    }
}
