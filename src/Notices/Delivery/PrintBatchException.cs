namespace Notices.Delivery;

/// <summary>Some letters could not be put in a print batch (unreadable or changed PDF). They were not logged as
/// PrintBatched, so they stay Pending; every other letter of the batch was written and logged.</summary>
public sealed class PrintBatchException : Exception
{
    public PrintBatchException(IReadOnlyDictionary<string, string> failures)
        : base("Letters not batched: " + string.Join(", ", failures.Select(f => f.Key + " (" + f.Value + ")")))
    {
        Failures = failures;
    }

    public PrintBatchException()
        : this(new Dictionary<string, string>())
    {
    }

    public PrintBatchException(string message)
        : base(message)
    {
        Failures = new Dictionary<string, string>();
    }

    public PrintBatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = new Dictionary<string, string>();
    }

    /// <summary>Letter id to reason.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; }
}
