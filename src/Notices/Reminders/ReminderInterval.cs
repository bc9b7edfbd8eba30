using System.Globalization;

namespace Notices.Reminders;

/// <summary>How long after the last contact a patient who has not answered is reminded: <c>30d</c>, <c>4w</c> or a bare number of days.</summary>
public static class ReminderInterval
{
    /// <summary>The interval in whole days (at least 1), or false with the reason when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out int days, out string problem)
    {
        days = 0;
        problem = "";
        var value = text?.Trim() ?? "";
        var unit = 1;
        var number = value;
        if (value.EndsWith('d') || value.EndsWith('D'))
        {
            number = value[..^1];
        }
        else if (value.EndsWith('w') || value.EndsWith('W'))
        {
            number = value[..^1];
            unit = 7;
        }

        if (number.Length == 0 || number.Length > 5
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"'{text}' is not an interval: write days as 30d or 30, or weeks as 4w";
            return false;
        }

        days = count * unit;
        if (days < 1)
        {
            problem = $"'{text}' is shorter than one day: remind at least 1 day after the last contact";
            return false;
        }

        return true;
    }
}
