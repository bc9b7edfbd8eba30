using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Ledger;

/// <summary>
/// A ledger head as printed by <c>status</c> and <c>report</c> and given back to <c>verify --expect-head</c>:
/// <c>&lt;seq&gt;:&lt;hash&gt;</c>, the Seq and Hash of the last row (<c>0:000…0</c> for an empty ledger). Because each
/// hash covers every row before it, a ledger still holding that row with that hash holds the same rows 1…seq, so a
/// ledger that only grew since passes and a rewritten or cut one fails. A bare hash (no Seq) is accepted too; then
/// some row must have it.
/// </summary>
public sealed partial record LedgerHeadPin(long? Seq, string Hash)
{
    /// <summary>The head of an empty ledger.</summary>
    public static LedgerHeadPin Empty { get; } = new(0, LedgerHasher.GenesisHash);

    /// <summary>Reads <c>seq:hash</c> or a bare 64-hex-digit hash; case and surrounding spaces are ignored.</summary>
    public static bool TryParse(string? text, out LedgerHeadPin pin)
    {
        pin = Empty;
        var match = PinPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        long? seq = null;
        if (match.Groups["seq"].Success)
        {
            if (!long.TryParse(match.Groups["seq"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                return false;
            }

            seq = s;
        }

        pin = new LedgerHeadPin(seq, match.Groups["hash"].Value.ToLowerInvariant());
        return true;
    }

    public override string ToString() =>
        Seq is { } seq ? seq.ToString(CultureInfo.InvariantCulture) + ":" + Hash : Hash;

    [GeneratedRegex("^(?:(?<seq>[0-9]{1,18}):)?(?<hash>[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex PinPattern();
}
