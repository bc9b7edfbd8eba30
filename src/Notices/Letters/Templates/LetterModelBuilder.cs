using System.Collections.ObjectModel;
using Notices.Campaigns;
using Notices.Letters.Addressing;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary>
/// Builds the template model of one letter (field list: docs/templates.md) as Scriban objects: data only, no .NET
/// object a template could reflect on. Every field is always present, with null when unknown, because strict mode
/// rejects a missing member even inside <c>{{ if }}</c>. Patient and device text is cleaned first
/// (<see cref="LetterText"/>): no control character reaches the template.
/// </summary>
public static class LetterModelBuilder
{
    /// <summary>The model's top-level names (reminder.md adds <c>reminder</c>), which a template cannot redefine.</summary>
    public static readonly IReadOnlySet<string> TopLevelNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "patient", "letter", "sender", "reply", "devices", "device_count", "multiple_devices", "any_version_unknown",
        "large_print", "reminder",
    };

    public static ScriptObject Build(NoticePackage package, PlannedLetter letter, DateOnly letterDate)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(letter);
        letter = LetterText.Clean(letter);
        var recipient = letter.Recipient;
        var devices = ReadOnlyList(letter.Devices.Select(DeviceModel));
        var anyUnknown = letter.Devices.Any(IsVersionUnknown);
        var isAbroad = !CountryNames.IsDenmark(recipient.Country);

        var patient = new ScriptObject
        {
            ["id"] = recipient.PatientId,
            ["first_name"] = recipient.FirstName,
            ["last_name"] = recipient.LastName,
            ["name"] = recipient.FullName,
            ["address_line1"] = NullIfBlank(recipient.AddressLine1),
            ["address_line2"] = NullIfBlank(recipient.AddressLine2),
            ["postal_code"] = NullIfBlank(recipient.PostalCode),
            ["city"] = NullIfBlank(recipient.City),
            ["country"] = string.IsNullOrWhiteSpace(recipient.Country) ? "DK" : recipient.Country.Trim().ToUpperInvariant(),
            ["country_name"] = isAbroad ? CountryNames.TryGetDanishName(recipient.Country) : null,
            ["abroad"] = isAbroad,
            ["email"] = NullIfBlank(recipient.Email),
            ["large_print"] = recipient.LargePrint,
            ["address_lines"] = DanishAddressBlock.Format(recipient).Lines.ToReadOnlyList(),
        };

        var sender = package.Sender;
        var senderModel = new ScriptObject
        {
            ["organisation"] = sender.Organisation,
            ["department"] = NullIfBlank(sender.Department),
            ["address_lines"] = sender.AddressLines.ToReadOnlyList(),
            ["address"] = sender.AddressLines.Count == 0 ? null : string.Join(", ", sender.AddressLines),
            ["phone"] = NullIfBlank(sender.Phone),
            ["email"] = NullIfBlank(sender.Email),
            ["website"] = NullIfBlank(sender.Website),
            ["signatory_name"] = sender.SignatoryName,
            ["signatory_title"] = NullIfBlank(sender.SignatoryTitle),
        };

        var letterModel = new ScriptObject
        {
            ["id"] = letter.LetterId,
            ["campaign_id"] = letter.CampaignId,
            ["date"] = letterDate,
            ["date_text"] = DanishDates.LongDate(letterDate),
            ["reference"] = package.Reference,
            ["subject"] = package.Subject,
            ["title"] = package.Title,
            ["channel"] = ChannelName(letter.Channel),
            ["by_email"] = letter.Channel == DeliveryChannelKind.Email,
            ["by_post"] = letter.Channel == DeliveryChannelKind.Post,
        };

        var reply = new ScriptObject
        {
            ["address_lines"] = ComposerDefaults.ReturnAddress(package).ToReadOnlyList(),
            ["email"] = NullIfBlank(sender.Email),
        };

        return new ScriptObject
        {
            ["patient"] = patient,
            ["letter"] = letterModel,
            ["sender"] = senderModel,
            ["reply"] = reply,
            ["devices"] = devices,
            ["device_count"] = devices.Count,
            ["multiple_devices"] = devices.Count > 1,
            ["any_version_unknown"] = anyUnknown,
            ["large_print"] = recipient.LargePrint,
        };
    }

    private static ScriptObject DeviceModel(AffectedDevice device) => new()
    {
        ["manufacturer"] = device.Manufacturer,
        ["model"] = device.Model,
        ["serial_number"] = device.SerialNumber,
        ["software_version"] = NullIfBlank(device.SoftwareVersion),
        ["version_unknown"] = IsVersionUnknown(device),
        ["lot_number"] = NullIfBlank(device.LotNumber),
        ["lot_unknown"] = device.LotUnknown,
        ["udi_di"] = NullIfBlank(device.UdiDi),
    };

    /// <summary>The <c>reminder</c> object of reminder.md: the round and the first letter's date, written out.</summary>
    public static ScriptObject ReminderModel(ReminderText reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return new ScriptObject
        {
            ["number"] = reminder.Number,
            ["first_letter_date"] = DanishDates.LongDate(reminder.FirstLetterDate),
        };
    }

    // Not a ScriptArray: Scriban's ScriptArray lets a template write an item by index even when marked read-only.
    private static ReadOnlyCollection<object?> ToReadOnlyList(this IEnumerable<string> lines) => ReadOnlyList(lines);

    private static ReadOnlyCollection<object?> ReadOnlyList(IEnumerable<object?> items) => new(items.ToList());

    /// <summary>Flagged by the matcher, or simply not recorded: either way the letter says "ukendt".</summary>
    public static bool IsVersionUnknown(AffectedDevice device) =>
        device.VersionUnknown || string.IsNullOrWhiteSpace(device.SoftwareVersion);

    private static string ChannelName(DeliveryChannelKind channel) => channel switch
    {
        DeliveryChannelKind.Email => "email",
        DeliveryChannelKind.Post => "post",
        _ => "unreachable",
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
