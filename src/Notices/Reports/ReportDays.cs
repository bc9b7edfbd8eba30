namespace Notices.Reports;

/// <summary>Ledger times (UTC) to the Danish calendar day they fell on, for the day-by-day figures.</summary>
public static class ReportDays
{
    private static readonly TimeZoneInfo s_zone = FindCopenhagen();

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, s_zone).DateTime);

    private static TimeZoneInfo FindCopenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
