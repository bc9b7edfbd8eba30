using System.Globalization;
using Notices.Ledger;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using static Notices.Letters.Layout.PageGeometry;

namespace Notices.Reports;

/// <summary>
/// Lays out <c>report.pdf</c>, the effectiveness-check report for the competent authority, in Danish: the campaign,
/// the totals with percentages, the two charts, the patients not reached (ids only, paginated with the table header
/// repeated) and the ledger head that pins the history. Pages of positioned operations, no PDF (see
/// <see cref="ReportPdfDrawer"/>).
/// </summary>
public static class EffectivenessReportLayout
{
    public const string Title = "Effektivitetskontrol af sikkerhedsmeddelelse";
    public const string TotalsHeading = "Samlet opgørelse";
    public const string ProgressHeading = "Nået og kvitteret over tid";
    public const string ChannelHeading = "Nået pr. kanal";
    public const string UnreachedHeading = "Patienter, der ikke er nået";
    public const string LedgerHeading = "Revisionsspor (ledger)";

    public static readonly double FlowBottom = A4Height - Mm(20);
    private static readonly double FooterBaseline = A4Height - Mm(12);

    public static IReadOnlyList<LayoutPage> Layout(EffectivenessFigures figures, LedgerHeadSummary head)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(head);
        var blocks = new ReportBlocks(new TextBlockFactory(LetterStyle.Normal));
        var flow = new List<FlowBlock>
        {
            blocks.Title(Title, 17),
            blocks.Paragraph("Rapport til Lægemiddelstyrelsen om, hvor mange berørte patienter meddelelsen har nået, og hvor mange der har kvitteret for den.", 9.5),
            Campaign(blocks, figures.Campaign),
            blocks.Heading(TotalsHeading),
            Totals(blocks, figures),
            blocks.Heading(ProgressHeading),
            ReportBlocks.Picture(ProgressChart.Layout(figures.Days, figures.Affected, ContentLeft, ContentWidth)),
            blocks.Heading(ChannelHeading),
            ReportBlocks.Picture(ReachByChannelChart.Layout(figures, ContentLeft, ContentWidth)),
            blocks.Heading(UnreachedHeading),
        };
        flow.AddRange(Unreached(blocks, figures));
        flow.Add(blocks.Heading(LedgerHeading));
        flow.AddRange(Ledger(blocks, head));

        var paginator = new Paginator(new LayoutPage(1), Mm(18), Mm(18), FlowBottom);
        paginator.Place(flow);
        AddFooters(paginator.Pages, figures.Campaign.CampaignId, head);
        return paginator.Pages;
    }

    private static FlowBlock Campaign(ReportBlocks blocks, ReportCampaign campaign)
    {
        var keyWidth = Mm(40);
        FlowSlice Row(string key, string value) => blocks.Row(
            [new(key, FontFace.Bold, ContentLeft, keyWidth), new(value, FontFace.Regular, ContentLeft + keyWidth, ContentWidth - keyWidth)],
            ReportBlocks.TableSize, TextRole.TableCell, 0);
        return FlowBlock.Unbreakable("campaign",
        [
            Row("Kampagne", campaign.CampaignId),
            Row("Reference (FSCA)", campaign.Reference),
            Row("Meddelelse", campaign.NoticeTitle),
            Row("Første brev", ReportText.Date(campaign.FirstLetterDate)),
            Row("Rapportdato", ReportText.Date(campaign.ReportDate)),
            Row("Godkendt tekst", campaign.LatestApproval is { } a
                ? $"sha256 {a.Approval.PackageSha256[..Math.Min(16, a.Approval.PackageSha256.Length)]}…, godkendt af {a.Approval.By} {ReportText.Date(DateOnly.FromDateTime(a.At.UtcDateTime))}"
                : "ikke godkendt"),
            Row("Uden godkendelse", campaign.UnapprovedRuns == 0
                ? "ingen kørsler"
                : string.Create(CultureInfo.InvariantCulture, $"{campaign.UnapprovedRuns} kørsler med --unapproved")),
        ], 8);
    }

    private static FlowBlock Totals(ReportBlocks blocks, EffectivenessFigures f)
    {
        var countX = ContentLeft + (ContentWidth * 0.6);
        var shareX = ContentLeft + (ContentWidth * 0.8);
        var colWidth = ContentWidth * 0.2;
        FlowSlice Row(string label, string count, string share, FontFace face = FontFace.Regular, TextRole role = TextRole.TableCell, double rule = 0.25, double indent = 0) =>
            blocks.Row(
            [
                new(label, face, ContentLeft + indent, countX - ContentLeft - indent),
                new(count, face, countX, colWidth, TextAlignment.Right),
                new(share, face, shareX, colWidth, TextAlignment.Right),
            ], ReportBlocks.TableSize, role, rule);
        FlowSlice Figure(string label, int count, FontFace face = FontFace.Regular) =>
            Row(label, ReportText.Count(count), ReportText.Percent(f.Percent(count)), face);
        FlowSlice Part(ReachCategory category) =>
            Row(ReportText.Category(category), ReportText.Count(f.ByCategory[category]), ReportText.Percent(f.Percent(f.ByCategory[category])), indent: Mm(5));
        var rows = new List<FlowSlice>
        {
            Row("", "Antal", "Andel af berørte", FontFace.Bold, TextRole.TableHeader, 0.8),
            Figure("Berørte patienter", f.Affected, FontFace.Bold),
            Figure("Nået i alt", f.Reached, FontFace.Bold),
            Part(ReachCategory.EmailConfirmed),
            Part(ReachCategory.EmailAcceptedOnly),
            Part(ReachCategory.Post),
            Figure("Ikke nået i alt", f.NotReached, FontFace.Bold),
            Part(ReachCategory.Unreachable),
            Part(ReachCategory.Failed),
            Part(ReachCategory.Uncertain),
        };
        if (f.Pending > 0)
        {
            rows.Add(Part(ReachCategory.Pending));
        }

        rows.Add(Figure("Kvitteret", f.Acknowledged, FontFace.Bold));
        rows.Add(Figure("Mangler kvittering", f.Outstanding, FontFace.Bold));
        rows.Add(Row("Påmindelser sendt", ReportText.Count(f.RemindersSent),
            "til " + ReportText.Count(f.PatientsReminded) + " patienter"));
        return FlowBlock.Unbreakable("totals", rows, 6);
    }

    private static IEnumerable<FlowBlock> Unreached(ReportBlocks blocks, EffectivenessFigures f)
    {
        if (f.Unreached.Count == 0)
        {
            yield return blocks.Paragraph("Alle berørte patienter er nået.", 9.5);
            yield break;
        }

        yield return blocks.Paragraph(
            (f.Unreached.Count == 1 ? "1 berørt patient er" : ReportText.Count(f.Unreached.Count) + " berørte patienter er")
            + " ikke nået. De står her alene med brev-id og patient-id; "
            + "navne og adresser findes kun i virksomhedens egne systemer.", 9.5);
        var idWidth = Mm(42);
        var patientWidth = Mm(28);
        FlowSlice Row(string letter, string patient, string reason, FontFace face, TextRole role, double rule) => blocks.Row(
        [
            new(letter, face, ContentLeft, idWidth),
            new(patient, face, ContentLeft + idWidth, patientWidth),
            new(reason, face, ContentLeft + idWidth + patientWidth, ContentWidth - idWidth - patientWidth),
        ], 8.5, role, rule);
        var header = Row("Brev-id", "Patient-id", "Årsag", FontFace.Bold, TextRole.TableHeader, 0.8);
        yield return ReportBlocks.Table(header,
            f.Unreached.Select(u => Row(u.LetterId, ReportText.Printable(u.PatientId, FontFace.Regular), ReasonText(u), FontFace.Regular, TextRole.TableCell, 0.25)));
    }

    /// <summary>The reason, and the reminders sent since, which the figures do not count as reaching the patient.</summary>
    private static string ReasonText(UnreachedPatient patient)
    {
        var reason = ReportText.Reason(patient.Reason);
        if (patient.Reason == UnreachedReason.LetterReturned && patient.ReturnedOn is { } returned)
        {
            reason += " den " + ReportText.Date(returned);
        }

        return patient.RemindersHandedOver.Count == 0 ? reason : reason + "; påmindelse sendt: " + string.Join(", ", patient.RemindersHandedOver);
    }

    private static IEnumerable<FlowBlock> Ledger(ReportBlocks blocks, LedgerHeadSummary head)
    {
        yield return blocks.Paragraph(
            "Tallene ovenfor er udledt af kampagnens hash-kædede ledger. Ledgerens hoved og antal rækker, da rapporten blev dannet, "
            + "fastlåser historikken: en senere kontrol med kommandoen nedenfor viser, om noget er ændret.", 9.5);
        yield return blocks.Paragraph("Ledger-hoved: " + head.Head, 8.5, FontFace.Bold, 6);
        yield return blocks.Paragraph("Rækker i ledgeren: " + ReportText.Count(checked((int)head.RowCount))
            + (head.KeyId is null ? "" : " (nøglebeskyttet, nøgle-id " + head.KeyId + ")"), 8.5);
        yield return blocks.Paragraph("Kontrol: " + head.VerifyCommand, 7.5);
        if (!head.LooksIntact)
        {
            yield return blocks.Paragraph("Advarsel: det registrerede hoved og ledgerens rækker stemmer ikke overens; kør 'notices verify'.", 9.5, FontFace.Bold);
        }
    }

    /// <summary>Campaign and ledger head at the left, "Side X af Y" at the right of every page.</summary>
    private static void AddFooters(IReadOnlyList<LayoutPage> pages, string campaignId, LedgerHeadSummary head)
    {
        const double size = 7;
        var hash = head.Head.Hash;
        var shortHead = string.Create(CultureInfo.InvariantCulture, $"{head.Head.Seq}:{hash[..Math.Min(16, hash.Length)]}");
        foreach (var page in pages)
        {
            page.Add(TextBlockFactory.MeasuredRun(
                "Effektivitetskontrol " + campaignId + " · ledger " + shortHead + "…", FontFace.Regular, size, ContentLeft, FooterBaseline, TextRole.Footer));
            var pageText = string.Create(CultureInfo.InvariantCulture, $"Side {page.Number} af {pages.Count}");
            var width = FontMetricsCache.Measure(pageText, FontFace.Regular, size);
            page.Add(TextBlockFactory.Run(pageText, FontFace.Regular, size, ContentRight - width, FooterBaseline, width, TextRole.Footer));
        }
    }
}
