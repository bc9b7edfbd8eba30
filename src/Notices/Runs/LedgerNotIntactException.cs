namespace Notices.Runs;

/// <summary>The ledger failed verification before a command that delivers or records; the command did nothing.</summary>
public sealed class LedgerNotIntactException : Exception
{
    public LedgerNotIntactException(string message)
        : base(message)
    {
    }

    public LedgerNotIntactException()
    {
    }

    public LedgerNotIntactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
