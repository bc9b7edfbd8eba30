namespace Notices.Runs;

/// <summary>The print request names something the campaign does not have (a batch number). Nothing was done.</summary>
public sealed class PrintRequestException(string message) : Exception(message);
