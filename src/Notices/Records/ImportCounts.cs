namespace Notices.Records;

/// <summary>What an import wrote (or would have written, when an error rolls it back).</summary>
internal sealed class ImportCounts
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Devices { get; set; }
}
