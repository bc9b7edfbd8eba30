using System.Globalization;

namespace Notices.Campaigns;

/// <summary>Reminder letter ids: the original letter id plus <c>-R&lt;number&gt;</c>, e.g. <c>FA830-DK-000042-R1</c>.</summary>
public static class ReminderIds
{
    public static string For(string originalLetterId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{originalLetterId}-R{number}");

    /// <summary>True when <paramref name="letterId"/> has the shape of a reminder id.</summary>
    public static bool TryParse(string letterId, out string originalLetterId, out int number)
    {
        ArgumentNullException.ThrowIfNull(letterId);
        originalLetterId = "";
        number = 0;
        var dash = letterId.LastIndexOf("-R", StringComparison.Ordinal);
        if (dash <= 0 || dash + 2 >= letterId.Length
            || !int.TryParse(letterId.AsSpan(dash + 2), NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            number = 0;
            return false;
        }

        originalLetterId = letterId[..dash];
        return true;
    }
}
