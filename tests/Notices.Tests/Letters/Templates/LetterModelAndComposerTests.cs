using Xunit;
using Markdig.Syntax;
using Notices.Letters.Email;
using Notices.Letters.Templates;

namespace Notices.Tests.Letters.Templates;

public sealed class LetterModelAndComposerTests
{
    [Fact]
    public void Model_CarriesEveryFieldEvenWhenUnknown()
    {
        var recipient = LetterTestData.Recipient(addressLine2: null) with { Email = null };

        var model = LetterModelBuilder.Build(LetterTestData.Package(), LetterTestData.Letter(recipient), LetterTestData.LetterDate);

        var patient = Assert.IsType<Scriban.Runtime.ScriptObject>(model["patient"]);
        Assert.True(patient.ContainsKey("address_line2"));
        Assert.Null(patient["address_line2"]);
        Assert.Null(patient["email"]);
        Assert.Null(patient["country_name"]);
        Assert.Equal("Søren Ærø", patient["name"]);
        var letter = Assert.IsType<Scriban.Runtime.ScriptObject>(model["letter"]);
        Assert.Equal(LetterTestData.LetterDate, letter["date"]);
        Assert.Equal("21. november 2026", letter["date_text"]);
        Assert.Equal("FA830", letter["reference"]);
        Assert.Equal(false, model["any_version_unknown"]);
    }

    [Fact]
    public void EmailSubject_IsMergedAsOneLinePlainText()
    {
        var package = LetterTestData.Package(emailSubject: "Vigtigt: {{letter.reference}}\r\n& {{letter.id}}  <{{patient.country}}>");
        var templates = new NoticeTemplates(package);

        var merged = templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate);

        Assert.Equal("Vigtigt: FA830 & FA830-DK-000042 <DK>", merged.EmailSubject);
    }

    [Fact]
    public void ListeHelper_JoinsAList()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{liste sender.address_lines}}"));

        var merged = templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate);

        Assert.Equal(@"Lautrupvang 9\, 2750 Ballerup", merged.LetterMarkdown);
    }

    [Fact]
    public void Compose_FillsLetterDocumentFromPackageAndLetter()
    {
        var package = LetterTestData.Package();
        var composer = new LetterComposer(package, new NoticeTemplates(package));
        var recipient = LetterTestData.Recipient(addressLine2: "c/o Hansen", largePrint: true);

        var composed = composer.Compose(LetterTestData.Letter(recipient), LetterTestData.LetterDate);
        var document = composed.Document;

        Assert.Equal("FA830-DK-000042", document.LetterId);
        Assert.Equal("Vigtig sikkerhedsmeddelelse", document.Title);
        Assert.Equal("21. november 2026", document.DateText);
        Assert.Equal("FA830", document.Reference);
        Assert.True(document.LargePrint);
        Assert.Equal(["Søren Ærø", "c/o Hansen", "Kastanievej 15, 2. tv", "8000 Aarhus C"], document.RecipientLines);
        Assert.Empty(composed.AddressWarnings);
        var heading = Assert.IsType<HeadingBlock>(document.Body[0]);
        Assert.Equal("Cybersikkerhed i insulinpumper", PlainTextInlines.ToText(heading.Inline));
        Assert.Equal("Vigtig sikkerhedsmeddelelse: Cybersikkerhed i insulinpumper", document.Metadata.Title);
        Assert.Equal("Medtek Danmark A/S", document.Metadata.Author);
        Assert.Equal("Cybersikkerhed i insulinpumper", document.Metadata.Subject);
        Assert.Equal("FA830", document.Metadata.Keywords);
        Assert.Equal("Søren Ærø", document.ReplyForm.PatientName);
        Assert.Equal("FA830-DK-000042", document.ReplyForm.QrPayload);
        Assert.Equal(["Medtek Danmark A/S", "Lautrupvang 9", "2750 Ballerup"], document.ReplyForm.ReturnAddress);
        Assert.Equal("fsn@example.com", document.ReplyForm.ReturnEmail);
        Assert.Single(document.ReplyForm.Devices);
    }

    [Fact]
    public void Compose_ProducesBothEmailBodiesAndSubject()
    {
        var package = LetterTestData.Package(replyAddress: ["Medtek", "Svarservice", "Postboks 1", "2750 Ballerup"]);
        var composer = new LetterComposer(package, new NoticeTemplates(package));

        var composed = composer.Compose(LetterTestData.Letter(), LetterTestData.LetterDate);

        Assert.Equal("Vigtig sikkerhedsmeddelelse FA830 (FA830-DK-000042)", composed.EmailSubject);
        Assert.Contains("<strong>Medtek Danmark A/S</strong>", composed.EmailHtml, StringComparison.Ordinal);
        Assert.Contains("<title>Vigtig sikkerhedsmeddelelse FA830 (FA830-DK-000042)</title>", composed.EmailHtml, StringComparison.Ordinal);
        Assert.Equal("Kære Søren Ærø\n\nLæs brevet fra Medtek Danmark A/S om FA830.\n", composed.EmailText);
        Assert.Equal(["Medtek", "Svarservice", "Postboks 1", "2750 Ballerup"], composed.Document.ReplyForm.ReturnAddress);
    }
}
