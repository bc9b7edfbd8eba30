using System.Globalization;
using System.Text;
using Notices.Campaigns;

namespace Notices.Delivery;

/// <summary>
/// <c>batch-NNNN.summary.txt</c> beside each sealed batch: the sheet the post room prints, checks against the batch
/// and signs off. Plain text (UTF-8 with BOM, CRLF) so it prints from any PC as it is; the machine-readable detail is
/// in manifest.csv. Danish only, for the post room. Ids only: no names or addresses.
/// </summary>
public static class PrintBatchSummary
{
    public const string Suffix = ".summary.txt";

    /// <summary>The text of one batch's summary, from its manifest rows and the SHA-256 of its PDF.</summary>
    public static string Text(string campaignId, string batch, string batchSha256, Envelope envelope, IReadOnlyList<PrintManifestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(rows);
        var pages = rows.Sum(r => r.Pages);
        var blank = rows.Sum(r => r.BlankPages);
        var over = rows.Where(r => r.OverCapacity).ToList();
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append("\r\n");
        string N(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("da-DK"));

        Line("Batchoversigt til postrummet");
        Line("============================");
        Line($"Kampagne:        {campaignId}");
        Line($"Batch:           {batch}");
        Line($"Storskrift:      {(rows.Any(r => r.LargePrint) ? "ja (egen printer/kuvert)" : "nej")}");
        Line($"Breve:           {N(rows.Count)}");
        Line($"Sider:           {N(pages + blank)} (heraf blanke: {N(blank)})");
        Line($"Ark (duplex):    {N(rows.Sum(r => r.Sheets))}");
        Line($"Kuvert:          {envelope.Name}, højst {N(envelope.CapacitySheets)} ark");
        Line($"Kuverter {envelope.Name}:{new string(' ', Math.Max(1, 7 - envelope.Name.Length))}{N(rows.Count - over.Count)}");
        Line($"Over kapacitet:  {N(over.Count)} brev{(over.Count == 1 ? "" : "e")} (pakkes i større kuvert eller manuelt)");
        foreach (var row in over)
        {
            Line($"  nr. {N(row.Sequence)}: {row.LetterId}, {N(row.Sheets)} ark, side {N(row.FirstPage)}-{N(row.LastPage)}");
        }

        Line($"SHA-256 af {batch}:");
        Line($"  {batchSha256}");
        Line();
        Line("Rækkefølge: Danmark først, derefter andre lande efter landekode; inden for hvert land efter postnummer.");
        Line("Hvert brev begynder på et nyt ark; breve med ulige sidetal har en blank side til sidst.");
        Line();
        Line("Kontrolleret og afleveret til postbefordring:");
        Line();
        Line("Antal kuverter talt: ____________    Dato: ________________");
        Line();
        Line("Navn: ______________________________________________");
        Line();
        Line("Underskrift: _______________________________________");
        return sb.ToString();
    }

    /// <summary>Writes the file and fsyncs it (in staging: the channel moves it into view with the sealed batch).</summary>
    public static void WriteFile(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        stream.Write(bytes.GetPreamble());
        stream.Write(bytes.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }
}
