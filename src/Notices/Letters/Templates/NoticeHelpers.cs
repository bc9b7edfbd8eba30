using System.Collections;
using System.Globalization;
using HandlebarsDotNet;

namespace Notices.Letters.Templates;

/// <summary>
/// Handlebars helpers of the notice templates (documented in FIELDS.md):
/// <c>{{dato letter.date}}</c> writes a Danish long date; <c>{{enheder}}</c> (or <c>{{enheder devices}}</c>)
/// writes the Markdown table of affected devices; <c>{{liste sender.address_lines}}</c> joins a list with ", ".
/// </summary>
public static class NoticeHelpers
{
    /// <summary>Registers the helpers; <paramref name="markdownOutput"/> false leaves out the table helper.</summary>
    public static void Register(IHandlebars handlebars, bool markdownOutput)
    {
        ArgumentNullException.ThrowIfNull(handlebars);
        handlebars.RegisterHelper("dato", (writer, _, arguments) =>
        {
            RequireArguments("dato", arguments, 1);
            writer.Write(DanishDates.LongDate(ToDate(arguments[0])));
        });
        handlebars.RegisterHelper("liste", (writer, _, arguments) =>
        {
            RequireArguments("liste", arguments, 1);
            var separator = arguments.Length > 1 ? Convert.ToString(arguments[1], CultureInfo.InvariantCulture) ?? ", " : ", ";
            var items = arguments[0] is IEnumerable list and not string
                ? list.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)).Where(i => !string.IsNullOrWhiteSpace(i))
                : [];
            writer.Write(string.Join(separator, items));
        });
        if (markdownOutput)
        {
            handlebars.RegisterHelper("enheder", (writer, context, arguments) =>
            {
                var devices = arguments.Length > 0 ? arguments[0] : DevicesFromContext(context.Value);
                // Leading newline: the table must not be glued to a paragraph line above it.
                writer.WriteSafeString("\n" + DeviceTableMarkdown.Build(DeviceRows(devices)));
            });
        }
    }

    private static void RequireArguments(string helper, Arguments arguments, int count)
    {
        if (arguments.Length < count)
        {
            throw new HandlebarsRuntimeException($"{{{{{helper}}}}} mangler et argument, fx {{{{{helper} letter.date}}}}");
        }
    }

    private static DateOnly ToDate(object? value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        DateTimeOffset dto => DateOnly.FromDateTime(dto.Date),
        string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        null => throw new HandlebarsRuntimeException("{{dato}} fik ingen dato (feltet er tomt)"),
        _ => throw new HandlebarsRuntimeException("{{dato}} forventer en dato (åååå-mm-dd)"),
    };

    private static object? DevicesFromContext(object? context) =>
        context is IDictionary<string, object?> model && model.TryGetValue("devices", out var devices)
            ? devices
            : throw new HandlebarsRuntimeException("{{enheder}} uden argument virker kun uden for blokke; skriv {{enheder @root.devices}}");

    private static IEnumerable<DeviceTableRow> DeviceRows(object? devices)
    {
        if (devices is not IEnumerable list || devices is string)
        {
            throw new HandlebarsRuntimeException("{{enheder}} forventer listen devices");
        }
        foreach (var item in list)
        {
            if (item is not IDictionary<string, object?> device)
            {
                throw new HandlebarsRuntimeException("{{enheder}} forventer listen devices");
            }
            var unknown = device.TryGetValue("version_unknown", out var flag) && flag is true;
            var lot = Text(device, "lot_number");
            yield return new DeviceTableRow(Text(device, "model"), Text(device, "serial_number"), unknown ? null : Text(device, "software_version"),
                lot.Length == 0 ? null : lot, device.TryGetValue("lot_unknown", out var lotFlag) && lotFlag is true);
        }
    }

    private static string Text(IDictionary<string, object?> device, string key) =>
        device.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}
