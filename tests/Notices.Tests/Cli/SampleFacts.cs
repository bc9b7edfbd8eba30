namespace Notices.Tests.Cli;

/// <summary>
/// Facts of the bundled sample (samples/patients.csv and devices.csv), counted by hand from the files:
/// 33 patients own an affected device; P0010 has neither address nor consent (unreachable); P0007 consented with an
/// invalid address (goes by post); P0003 (Veo 754 at 2.7A) and P0009 (Veo 554 at 2.10A) are not affected.
/// </summary>
public static class SampleFacts
{
    public const int AffectedPatients = 33;

    public static readonly string[] EmailPatients =
    [
        "P0002", "P0004", "P0006", "P0020", "P0021", "P0022", "P0025", "P0027", "P0031",
        "P0032", "P0036", "P0037", "P0040", "P0041", "P0042", "P0045", "P0047", "P0050",
    ];
}
