namespace Notices.Ledger;

/// <summary>Why <see cref="LedgerVerifier"/> rejected the ledger.</summary>
public enum LedgerFault
{
    None,
    /// <summary>A Seq is missing: a row was deleted (or rows were inserted out of order).</summary>
    SeqGap,
    /// <summary>A row's PrevHash is not the previous row's Hash: a row was replaced or the chain was spliced.</summary>
    PrevHashMismatch,
    /// <summary>A row's stored Hash does not match its content: a column was edited.</summary>
    HashMismatch,
    /// <summary>A row's timestamp cannot be read.</summary>
    UnreadableRow,
    /// <summary>The last row is not the recorded head: rows were cut off the end, or the head was edited.</summary>
    HeadMismatch,
    /// <summary>The ledger has rows but no recorded head (ledger_head table or row deleted).</summary>
    HeadMissing,
}
