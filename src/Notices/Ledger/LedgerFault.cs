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
    /// <summary>The last row is not the recorded head, or a keyed head's MAC does not verify: rows were cut off the
    /// end, or the head was edited.</summary>
    HeadMismatch,
    /// <summary>The ledger has rows but no recorded head (ledger_head table or row deleted).</summary>
    HeadMissing,
    /// <summary>The key given is not the key the ledger was written with.</summary>
    KeyMismatch,
    /// <summary>A key was given but the ledger is not keyed: it was written without the key, or rebuilt without it.</summary>
    NotKeyed,
    /// <summary>The ledger is keyed and no key was given: its structure checks out, but its HMACs were not checked.</summary>
    KeyRequired,
    /// <summary>A letter has a rendered PDF in the letters table but no ledger row.</summary>
    LetterWithoutHistory,
    /// <summary>A campaign exists in the campaigns table but has no ledger row.</summary>
    CampaignWithoutHistory,
    /// <summary>The head pinned earlier (<c>verify --expect-head</c>) is not in the chain where it claims to be.</summary>
    ExpectedHeadNotFound,
    /// <summary>Replaying a campaign through the letter state machine met an impossible step, e.g. a letter sealed in two print batches.</summary>
    StateAnomaly,
}
