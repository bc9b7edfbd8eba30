using System.Text;
using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>
/// The Markdown pipe table of a patient's affected devices (helper <c>{{enheder}}</c>): Model | Serienummer |
/// Softwareversion, "ukendt*" for an unknown version and a footnote line below when any version is unknown. A Lot
/// column follows when any device has a lot number or was included because its lot is unknown (a lot-scoped notice),
/// with its own footnote. Cell values are Markdown-escaped.
/// </summary>
public static class DeviceTableMarkdown
{
    public const string UnknownVersionText = "ukendt*";
    public const string UnknownVersionFootnote =
        "* Softwareversionen er ikke registreret hos os. Enheden er medtaget for en sikkerheds skyld.";
    public const string UnknownLotText = "ukendt**";
    public const string UnknownLotFootnote =
        "** Lotnummeret er ikke registreret hos os. Enheden er medtaget for en sikkerheds skyld.";

    public static string Build(IEnumerable<AffectedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return Build(devices.Select(d => new DeviceTableRow(d.Model, d.SerialNumber,
            LetterModelBuilder.IsVersionUnknown(d) ? null : d.SoftwareVersion,
            string.IsNullOrWhiteSpace(d.LotNumber) ? null : d.LotNumber, d.LotUnknown)));
    }

    public static string Build(IEnumerable<DeviceTableRow> rows)
    {
        var list = rows.ToList();
        var withLot = list.Any(r => r.LotNumber is not null || r.LotUnknown);
        var builder = new StringBuilder();
        builder.Append(withLot ? "| Model | Serienummer | Softwareversion | Lot |\n| --- | --- | --- | --- |\n"
            : "| Model | Serienummer | Softwareversion |\n| --- | --- | --- |\n");
        var anyUnknownVersion = false;
        var anyUnknownLot = false;
        foreach (var row in list)
        {
            builder.Append("| ");
            MarkdownEscape.Append(builder, row.Model);
            builder.Append(" | ");
            MarkdownEscape.Append(builder, row.SerialNumber);
            builder.Append(" | ");
            anyUnknownVersion |= string.IsNullOrWhiteSpace(row.SoftwareVersion);
            MarkdownEscape.Append(builder, string.IsNullOrWhiteSpace(row.SoftwareVersion) ? UnknownVersionText : row.SoftwareVersion);
            if (withLot)
            {
                builder.Append(" | ");
                anyUnknownLot |= row.LotUnknown && row.LotNumber is null;
                MarkdownEscape.Append(builder, row.LotNumber ?? (row.LotUnknown ? UnknownLotText : "–"));
            }

            builder.Append(" |\n");
        }

        foreach (var (used, footnote) in new[] { (anyUnknownVersion, UnknownVersionFootnote), (anyUnknownLot, UnknownLotFootnote) })
        {
            if (used)
            {
                builder.Append('\n');
                MarkdownEscape.Append(builder, footnote);
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }
}
