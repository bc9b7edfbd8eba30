using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>Made-up letters for <see cref="NoticeTemplates.Validate"/>: all optional data present, and none.</summary>
internal static class SyntheticLetters
{
    public static IEnumerable<PlannedLetter> For(NoticePackage package)
    {
        var model = package.Affected.SelectMany(r => r.Models).FirstOrDefault() ?? "Model";
        var manufacturer = package.Affected.FirstOrDefault()?.Manufacturer ?? "Producent";
        yield return new PlannedLetter
        {
            LetterId = $"{package.Reference}-XX-000001",
            CampaignId = package.Id,
            Channel = DeliveryChannelKind.Email,
            Recipient = new RecipientSnapshot
            {
                PatientId = "VALIDERING-1",
                FirstName = "Fornavn",
                LastName = "Efternavn",
                AddressLine1 = "Vejnavn 1, 2. tv",
                AddressLine2 = "c/o Navn",
                PostalCode = "12345",
                City = "By",
                Country = "SE",
                Email = "validering@example.com",
                LargePrint = true,
            },
            Devices =
            [
                new AffectedDevice(manufacturer, model, "SN-1", "1.0A", VersionUnknown: false),
                new AffectedDevice(manufacturer, model, "SN-2", null, VersionUnknown: true),
            ],
        };
        yield return new PlannedLetter
        {
            LetterId = $"{package.Reference}-DK-000002",
            CampaignId = package.Id,
            Channel = DeliveryChannelKind.Post,
            Recipient = new RecipientSnapshot
            {
                PatientId = "VALIDERING-2",
                FirstName = "Fornavn",
                LastName = "Efternavn",
                AddressLine1 = "Vejnavn 1",
                PostalCode = "8000",
                City = "Aarhus C",
            },
            Devices = [new AffectedDevice(manufacturer, model, "SN-3", "1.0A", VersionUnknown: false)],
        };
    }
}
