namespace Notices.Reports;

/// <summary>One day of the campaign: patients first reached and acknowledgements received that day, and the running totals.</summary>
public readonly record struct DailyProgress(DateOnly Day, int ReachedOnDay, int AcknowledgedOnDay, int ReachedSoFar, int AcknowledgedSoFar);
