using System.Text;
using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>
/// The Markdown pipe table of a patient's affected devices (helper <c>{{enheder}}</c>): Model | Serienummer |
/// Softwareversion, "ukendt*" for an unknown version and a footnote line below when any version is unknown.
/// Cell values are Markdown-escaped.
/// </summary>
public static class DeviceTableMarkdown
{
    public const string UnknownVersionText = "ukendt*";
    public const string UnknownVersionFootnote =
        "* Softwareversionen er ikke registreret hos os. Enheden er medtaget for en sikkerheds skyld.";

    public static string Build(IEnumerable<AffectedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return Build(devices.Select(d => (d.Model, d.SerialNumber,
            LetterModelBuilder.IsVersionUnknown(d) ? null : d.SoftwareVersion)));
    }

    /// <summary>Rows of (model, serial number, software version or null when unknown).</summary>
    public static string Build(IEnumerable<(string Model, string SerialNumber, string? SoftwareVersion)> rows)
    {
        var builder = new StringBuilder();
        builder.Append("| Model | Serienummer | Softwareversion |\n");
        builder.Append("| --- | --- | --- |\n");
        var anyUnknown = false;
        foreach (var (model, serial, version) in rows)
        {
            builder.Append("| ");
            MarkdownEscape.Append(builder, model);
            builder.Append(" | ");
            MarkdownEscape.Append(builder, serial);
            builder.Append(" | ");
            if (string.IsNullOrWhiteSpace(version))
            {
                anyUnknown = true;
                MarkdownEscape.Append(builder, UnknownVersionText);
            }
            else
            {
                MarkdownEscape.Append(builder, version);
            }
            builder.Append(" |\n");
        }
        if (anyUnknown)
        {
            builder.Append('\n');
            MarkdownEscape.Append(builder, UnknownVersionFootnote);
            builder.Append('\n');
        }
        return builder.ToString();
    }
}
