namespace Notices.Campaigns;

/// <summary>
/// The envelope post letters go in (notice.yaml: <c>envelope: { name, capacity_sheets }</c>) and how many folded A4
/// sheets it holds. A letter needing more sheets is flagged "over capacity" in <c>plan</c> and in the manifest, so the
/// post room packs it by hand or in a bigger envelope.
/// </summary>
public sealed record Envelope(string Name, int CapacitySheets)
{
    /// <summary>C5 (A4 folded once, window left): the default, 8 sheets.</summary>
    public static Envelope Default { get; } = new("C5", 8);

    /// <summary>
    /// Names a notice may use without <c>capacity_sheets</c>, with the sheets a machine or a hand can still close the
    /// envelope over: C5 (A4 folded once) 8; C65 and DL (A4 folded twice, three layers thick) 5; C4 (A4 flat) 25.
    /// </summary>
    public static IReadOnlyDictionary<string, int> KnownCapacities { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["C5"] = 8,
        ["C65"] = 5,
        ["DL"] = 5,
        ["C4"] = 25,
    };

    /// <summary>
    /// Sheets of paper one letter uses: duplex (the default) puts two pages on a sheet, counting the blank pad page
    /// that keeps the next letter off this letter's last sheet; simplex uses one sheet per page.
    /// </summary>
    public static int SheetsFor(int pages, int blankPages, bool duplex) =>
        duplex ? (pages + blankPages + 1) / 2 : pages;

    /// <summary>The pad page a duplex batch adds to an odd page count.</summary>
    public static int PadFor(int pages, bool padToEven) => padToEven && pages % 2 == 1 ? 1 : 0;

    public bool Holds(int sheets) => sheets <= CapacitySheets;
}
