namespace Notices.Records;

/// <summary>Fictional Danish name, street and town material for <see cref="SampleRecordsGenerator"/>.</summary>
internal static class SampleNames
{
    public static readonly string[] FirstNames =
    [
        "Anders", "Niels", "Jens", "Lars", "Peter", "Henrik", "Mads", "Rasmus", "Søren", "Jørgen", "Bjørn", "Torben",
        "Kåre", "Asger", "Øjvind", "Mikkel", "Frederik", "Kasper", "Anne", "Kirsten", "Mette", "Hanne", "Lene", "Susanne",
        "Maja", "Sofie", "Freja", "Åse", "Birthe", "Grethe", "Lærke", "Signe", "Ida", "Emma", "Bodil", "Solvejg",
    ];

    public static readonly string[] LastNames =
    [
        "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller",
        "Mortensen", "Østergaard", "Søndergaard", "Nørgaard", "Kjær", "Bæk", "Grønlund", "Højgaard", "Dalgård", "Lærkholm",
    ];

    public static readonly string[] Streets =
    [
        "Kastanievej", "Bøgevej", "Ahornvej", "Søndergade", "Nørregade", "Vestergade", "Østergade", "Skovvej",
        "Åboulevard", "Ærøgade", "Møllevej", "Kirkevej", "Strandvejen", "Lærkevej", "Hybenvej", "Æblehaven",
        "Fælledvej", "Rådhusstræde", "Bredgade", "Grønnegade",
    ];

    /// <summary>Floor and side, Danish style; empty for a house.</summary>
    public static readonly string[] Floors = ["", "", "", "st.", "st. tv", "st. th", "1. th", "1. tv", "2. tv", "2. th", "3. mf", "4."];

    public static readonly (string PostalCode, string City)[] Towns =
    [
        ("1050", "København K"), ("2100", "København Ø"), ("2200", "København N"), ("2300", "København S"),
        ("2450", "København SV"), ("2500", "Valby"), ("2605", "Brøndby"), ("2630", "Taastrup"), ("2700", "Brønshøj"),
        ("2800", "Kongens Lyngby"), ("2900", "Hellerup"), ("3000", "Helsingør"), ("3400", "Hillerød"), ("3700", "Rønne"),
        ("4000", "Roskilde"), ("4200", "Slagelse"), ("4700", "Næstved"), ("4800", "Nykøbing F"), ("5000", "Odense C"),
        ("5700", "Svendborg"), ("6000", "Kolding"), ("6400", "Sønderborg"), ("6700", "Esbjerg"), ("7100", "Vejle"),
        ("7400", "Herning"), ("7500", "Holstebro"), ("8000", "Aarhus C"), ("8200", "Aarhus N"), ("8600", "Silkeborg"),
        ("8700", "Horsens"), ("8900", "Randers C"), ("9000", "Aalborg"), ("9800", "Hjørring"), ("9900", "Frederikshavn"),
    ];

    /// <summary>Medtronic models of the FA830 notice family, then unaffected ones.</summary>
    public static readonly string[] AffectedModels =
    [
        "MiniMed 508", "Paradigm 511", "Paradigm 512", "Paradigm 712", "Paradigm 515", "Paradigm 715", "Paradigm 522",
        "Paradigm 722", "Paradigm Veo 554", "Paradigm Veo 754",
    ];

    public static readonly string[] Versions = ["2.6A", "2.7A", "2.8A", "2.10A", "2.10B", "3.0A", ""];

    public static readonly (string Manufacturer, string Model, string[] Versions)[] UnaffectedDevices =
    [
        ("Medtronic", "MiniMed 640G", ["4.1A", "4.3B", ""]),
        ("Medtronic", "MiniMed 780G", ["6.3A", "6.5A", ""]),
        ("Roche", "Accu-Chek Insight", ["1.1", "2.0", ""]),
    ];

    /// <summary>The various spellings of yes and no that real exports contain.</summary>
    public static readonly string[] Yes = ["ja", "Ja", "yes", "true", "1", "JA"];
    public static readonly string[] No = ["nej", "Nej", "no", "false", "0", ""];
}
