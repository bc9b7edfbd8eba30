using System.Globalization;
using System.Text;
using Markdig;
using Notices.Campaigns;
using Notices.Letters;

namespace Notices.Tests.Letters.Layout;

/// <summary>Realistic Danish letters (about three pages plus the reply form) for layout and PDF tests.</summary>
public static class SampleLetters
{
    public const string LetterId = "FA830-DK-000042";

    public static string BodyMarkdown(int longTableRows = 60, string extra = "")
    {
        var sb = new StringBuilder();
        sb.AppendLine("Kære Zoë Ødegård-Nguyễn");
        sb.AppendLine();
        sb.AppendLine("Vi skriver til dig, fordi du ifølge vores oplysninger bruger en **insulinpumpe**, der er omfattet af denne "
            + "*vigtige sikkerhedsmeddelelse*. Læs venligst hele brevet grundigt, og gem det sammen med pumpens brugsanvisning. "
            + "Det er ***meget vigtigt***, at du følger anvisningerne nedenfor, også selv om din pumpe fungerer normalt i dag.");
        sb.AppendLine();
        sb.AppendLine("## Hvad drejer det sig om?");
        sb.AppendLine();
        sb.AppendLine("En uvedkommende person i nærheden af pumpen kan under særlige forhold få trådløs adgang til den og ændre "
            + "indstillinger. Der er ikke rapporteret skader, men risikoen kan ikke udelukkes. Pumper med softwareversion "
            + "2.6A eller ældre er berørt.  ");
        sb.AppendLine("Denne linje kommer efter et hårdt linjeskift.");
        sb.AppendLine();
        sb.AppendLine("Følgende udstyr er registreret på dig:");
        sb.AppendLine();
        sb.AppendLine("| Model | Serienummer | Softwareversion |");
        sb.AppendLine("| --- | --- | --- |");
        sb.AppendLine("| MiniMed™ 508 | NG1234567H | 2.6A |");
        sb.AppendLine("| Paradigm 722 | PA9876543K | ukendt |");
        sb.AppendLine();
        sb.AppendLine("# Det skal du gøre nu");
        sb.AppendLine();
        for (var i = 1; i <= 10; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sb.AppendLine(n + ". Trin " + n + ": hold pumpen og tilbehøret under opsyn, og **del aldrig** serienummeret med andre. "
                + "Kontrollér bolusindstillingerne dagligt, og skriv ændringer ned i din dagbog, så du kan vise dem til sygeplejersken.");
        }

        sb.AppendLine();
        sb.AppendLine("Vær desuden opmærksom på:");
        sb.AppendLine();
        sb.AppendLine("- Slå fjernbetjeningsfunktionen fra, når du ikke bruger den.");
        sb.AppendLine("- Tilslut kun udstyr, du selv har kontrol over:");
        sb.AppendLine("  - blodsukkermåler,");
        sb.AppendLine("  - sensor og sender.");
        sb.AppendLine("- Kontakt os straks på [vores hjemmeside](https://www.example.com/fsn/fa830) eller på https://www.example.com, hvis noget er uklart.");
        sb.AppendLine();
        sb.AppendLine("> Bemærk: Stop ikke din insulinbehandling uden at tale med din læge eller diabetessygeplejerske.");
        sb.AppendLine();
        sb.AppendLine("## Oversigt over berørte serienumre");
        sb.AppendLine();
        sb.AppendLine("| Nr. | Model | Serienummer | Bemærkning |");
        sb.AppendLine("| --: | --- | --- | --- |");
        for (var i = 1; i <= longTableRows; i++)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i} | MiniMed 508 | NG{1000000 + i}H | {(i % 7 == 0 ? "Kræver opdatering af software og en ny kontrol hos sygeplejersken på afdelingen" : "Berørt")} |"));
        }

        sb.AppendLine();
        sb.AppendLine("Har du spørgsmål, er du altid velkommen til at ringe til os på telefon 70 20 30 40 på hverdage mellem "
            + "kl. 9 og 16. Vi beklager ulejligheden og takker for din hjælp med at gøre behandlingen så sikker som muligt.");
        sb.AppendLine(extra);
        return sb.ToString();
    }

    public static LetterDocument Create(bool largePrint = false, string? body = null, string patientName = "Zoë Ødegård-Nguyễn",
        IReadOnlyList<string>? recipientLines = null, string letterId = LetterId)
    {
        var markdown = body ?? BodyMarkdown();
        return new LetterDocument
        {
            LetterId = letterId,
            Title = "Vigtig sikkerhedsmeddelelse",
            Subject = "MiniMed 508 og Paradigm insulinpumper – cybersikkerhed (FA830)",
            Reference = "FA830",
            DateText = "21. november 2026",
            Sender = new SenderInfo
            {
                Organisation = "Medicoteknik Danmark A/S",
                Department = "Kvalitet og regulatoriske forhold",
                AddressLines = ["Lautrupvang 2", "2750 Ballerup"],
                Phone = "70 20 30 40",
                Email = "kvalitet@example.com",
                SignatoryName = "Åse Bøgh-Sørensen",
                SignatoryTitle = "Direktør, kvalitet og regulatoriske forhold",
            },
            RecipientLines = recipientLines ?? [patientName, "c/o Łukasz Wróbel", "Kastanievej 15, 2. tv", "Ayşe Yılmaz Allé 7", "2300 København S", "DANMARK"],
            LargePrint = largePrint,
            Body = Markdown.Parse(markdown, MarkdownPipelines.Letter),
            ReplyForm = new ReplyFormContent
            {
                PatientName = patientName,
                Devices =
                [
                    new AffectedDevice("Medtronic", "MiniMed™ 508", "NG1234567H", "2.6A", false),
                    new AffectedDevice("Medtronic", "Paradigm 722", "PA9876543K", null, true),
                ],
                ReturnAddress = ["Medicoteknik Danmark A/S", "Att.: Kvalitet", "Lautrupvang 2", "2750 Ballerup"],
                ReturnEmail = "svar@example.com",
                QrPayload = letterId,
            },
            Metadata = new PdfMetadata(
                "Vigtig sikkerhedsmeddelelse – FA830", "Medicoteknik Danmark A/S", "MiniMed 508 og Paradigm – cybersikkerhed", "FA830, FSN, æøå"),
        };
    }
}
