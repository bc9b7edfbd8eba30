namespace Notices.Delivery;

/// <summary>One line of manifest.csv: where a letter sits in which batch file. Ids only, no names or addresses.</summary>
/// <param name="Sequence">The letter's place in its batch, 1-based: the order the post room packs envelopes in.</param>
/// <param name="Sheets">Sheets of paper the letter uses (duplex: two pages a sheet, the pad page included).</param>
/// <param name="OverCapacity">More sheets than the envelope holds: pack by hand or in a bigger envelope.</param>
public sealed record PrintManifestRow(
    string Batch,
    int Sequence,
    string LetterId,
    string PatientId,
    int Pages,
    int BlankPages,
    int Sheets,
    int FirstPage,
    string? PostalCode,
    string? City,
    string Country,
    bool LargePrint,
    bool OverCapacity,
    string PdfSha256)
{
    /// <summary>The last page of the letter in the batch, its blank pad page included.</summary>
    public int LastPage => FirstPage + Pages + BlankPages - 1;
}
