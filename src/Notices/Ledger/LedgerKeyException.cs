namespace Notices.Ledger;

/// <summary>
/// The ledger key is unusable or does not fit the store: <c>NOTICES_LEDGER_KEY</c> is set but too short, a keyed
/// ledger is written or checked without the key, or with another key. The message never contains the key.
/// </summary>
public sealed class LedgerKeyException(string message) : Exception(message);
