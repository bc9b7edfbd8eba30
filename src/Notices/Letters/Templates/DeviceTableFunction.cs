using System.Collections;
using System.Globalization;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary>
/// <c>{{ enheder }}</c>: the Markdown table of the letter's affected devices (<see cref="DeviceTableMarkdown"/>), or of
/// the devices given, <c>{{ enheder devices }}</c>. The only trusted output: the table's cells are escaped as it is built.
/// </summary>
internal sealed class DeviceTableFunction() : TemplateFunction("enheder", 0, 1, "{{ enheder }} on a line of its own")
{
    protected override object? Call(NoticeTemplateContext context, SourceSpan span, ScriptArray arguments)
    {
        // Scriban passes null for an optional argument not given.
        var table = arguments.Count == 0 || arguments[0] is null
            ? DeviceTableMarkdown.Build(context.Letter.Devices)
            : DeviceTableMarkdown.Build(Rows(context, span, arguments[0]).ToList());
        // Leading newline: the table must not be glued to a paragraph line above it.
        return new TrustedMarkdown("\n" + table);
    }

    private IEnumerable<DeviceTableRow> Rows(NoticeTemplateContext context, SourceSpan span, object? devices)
    {
        if (devices is not IEnumerable list || devices is string)
        {
            throw Fail(span, "'enheder' expects the list devices, e.g. {{ enheder devices }}");
        }
        foreach (var item in list)
        {
            if (item is not ScriptObject device)
            {
                throw Fail(span, "'enheder' expects the list devices, e.g. {{ enheder devices }}");
            }
            var lot = Text(context, device, "lot_number");
            yield return new DeviceTableRow(
                Text(context, device, "model"),
                Text(context, device, "serial_number"),
                Flag(device, "version_unknown") ? null : Text(context, device, "software_version"),
                lot.Length == 0 ? null : lot,
                Flag(device, "lot_unknown"));
        }
    }

    private static string Text(NoticeTemplateContext context, ScriptObject device, string key) =>
        device.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(context.ObjectToString(value), CultureInfo.InvariantCulture) ?? string.Empty
            : string.Empty;

    private static bool Flag(ScriptObject device, string key) => device.TryGetValue(key, out var value) && value is true;
}
