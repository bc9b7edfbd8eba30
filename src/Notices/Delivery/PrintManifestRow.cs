namespace Notices.Delivery;

/// <summary>One line of manifest.csv: where a letter sits in which batch file. Ids only, no names or addresses.</summary>
public sealed record PrintManifestRow(
    string Batch,
    int Position,
    string LetterId,
    string PatientId,
    int Pages,
    int FirstPage,
    string? PostalCode,
    string Country,
    string PdfSha256,
    int BlankPages);
