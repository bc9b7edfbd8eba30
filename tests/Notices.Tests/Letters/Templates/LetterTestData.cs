using Notices.Campaigns;

namespace Notices.Tests.Letters.Templates;

/// <summary>Builders for notice packages and planned letters used by the Letters tests.</summary>
internal static class LetterTestData
{
    public const string DefaultLetterTemplate =
        "# {{letter.subject}}\n" +
        "\n" +
        "Kære {{patient.first_name}} {{patient.last_name}}\n" +
        "\n" +
        "Dato: {{dato letter.date}}\n" +
        "\n" +
        "{{enheder}}\n" +
        "\n" +
        "{{ if patient.address_line2 }}Sendt {{ patient.address_line2 }}.{{ else }}Ingen c/o.{{ end }}\n";

    public const string DefaultEmailTemplate =
        "Kære {{patient.first_name}} {{patient.last_name}}\n" +
        "\n" +
        "Læs brevet fra **{{sender.organisation}}** om {{letter.reference}}.\n";

    public static NoticePackage Package(
        string? letterTemplate = null,
        string? emailTemplate = null,
        string emailSubject = "Vigtig sikkerhedsmeddelelse {{letter.reference}} ({{letter.id}})",
        IReadOnlyList<string>? replyAddress = null) => new()
        {
            Directory = "/tmp/notices-tests/fa830",
            Id = "fa830-2026",
            Reference = "FA830",
            Subject = "Cybersikkerhed i insulinpumper",
            Sender = new SenderInfo
            {
                Organisation = "Medtek Danmark A/S",
                Department = "Kvalitet og regulatoriske forhold",
                AddressLines = ["Lautrupvang 9", "2750 Ballerup"],
                Phone = "+45 70 00 00 00",
                Email = "fsn@example.com",
                SignatoryName = "Birgitte Østergaard",
                SignatoryTitle = "RA-chef",
            },
            Affected =
            [
                new AffectedRule { Manufacturer = "Medtek", Models = ["MiniMed 508", "Paradigm 522"], SoftwareMax = "2.6A" },
            ],
            EmailSubject = emailSubject,
            LetterTemplate = letterTemplate ?? DefaultLetterTemplate,
            EmailTemplate = emailTemplate ?? DefaultEmailTemplate,
            ReplyAddress = replyAddress ?? [],
        };

    public static RecipientSnapshot Recipient(
        string firstName = "Søren",
        string lastName = "Ærø",
        string? addressLine1 = "Kastanievej 15, 2. tv",
        string? addressLine2 = null,
        string? postalCode = "8000",
        string? city = "Aarhus C",
        string country = "DK",
        bool largePrint = false) => new()
        {
            PatientId = "P-000042",
            FirstName = firstName,
            LastName = lastName,
            AddressLine1 = addressLine1,
            AddressLine2 = addressLine2,
            PostalCode = postalCode,
            City = city,
            Country = country,
            Email = "patient@example.com",
            LargePrint = largePrint,
        };

    public static PlannedLetter Letter(RecipientSnapshot? recipient = null, IReadOnlyList<AffectedDevice>? devices = null) => new()
    {
        LetterId = "FA830-DK-000042",
        CampaignId = "fa830-2026",
        Recipient = recipient ?? Recipient(),
        Devices = devices ?? [new AffectedDevice("Medtek", "MiniMed 508", "SN-508-001", "2.6A", VersionUnknown: false)],
        Channel = DeliveryChannelKind.Email,
    };

    public static readonly DateOnly LetterDate = new(2026, 11, 21);
}
