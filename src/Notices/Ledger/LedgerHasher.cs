using Notices.Model;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Ledger;

/// <summary>
/// The canonical form of a ledger row and its hash: SHA-256, or HMAC-SHA256 under a <see cref="LedgerKey"/> when the
/// chain is keyed (the canonical text is the same either way). Every field is written on its own line as
/// <c>name:length:value</c> (or <c>name:-</c> for null), so no value can be crafted to look like another field.
/// <see cref="LedgerEntry.At"/> is hashed as ISO-8601 UTC with seven fractional digits (ticks), which is lossless.
/// Changing this format breaks every existing chain; version it (the first line) if it must ever change.
/// </summary>
public static class LedgerHasher
{
    /// <summary>PrevHash of the first row.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const string FormatVersion = "notices-ledger-v1";
    private const string HeadFormatVersion = "notices-ledger-head-v1";

    public static string CanonicalAt(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Canonical(
        string prevHash, long seq, string campaignId, string? letterId, string? patientId,
        string kind, string detail, DateTimeOffset at)
    {
        var sb = new StringBuilder(256);
        sb.Append(FormatVersion).Append('\n');
        Field(sb, "prev_hash", prevHash);
        Field(sb, "seq", seq.ToString(CultureInfo.InvariantCulture));
        Field(sb, "campaign_id", campaignId);
        Field(sb, "letter_id", letterId);
        Field(sb, "patient_id", patientId);
        Field(sb, "kind", kind);
        Field(sb, "detail", detail);
        Field(sb, "at", CanonicalAt(at));
        return sb.ToString();
    }

    public static string Compute(
        string prevHash, long seq, string campaignId, string? letterId, string? patientId,
        string kind, string detail, DateTimeOffset at)
    {
        var canonical = Canonical(prevHash, seq, campaignId, letterId, patientId, kind, detail, at);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The row hash: SHA-256 without a key, HMAC-SHA256 under <paramref name="key"/> with one.</summary>
    public static string Compute(
        LedgerKey? key, string prevHash, long seq, string campaignId, string? letterId, string? patientId,
        string kind, string detail, DateTimeOffset at) =>
        key is null
            ? Compute(prevHash, seq, campaignId, letterId, patientId, kind, detail, at)
            : key.Mac(Canonical(prevHash, seq, campaignId, letterId, patientId, kind, detail, at));

    /// <summary>
    /// The keyed head's MAC over everything the head claims: which key, from which Seq the rows are keyed, and the last
    /// Seq and Hash. Without the key nobody can move the head back after cutting rows, or forge one for a rebuilt chain.
    /// </summary>
    public static string HeadMac(LedgerKey key, long keyedFrom, long seq, string hash)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder(160);
        sb.Append(HeadFormatVersion).Append('\n');
        Field(sb, "key_id", key.KeyId);
        Field(sb, "keyed_from", keyedFrom.ToString(CultureInfo.InvariantCulture));
        Field(sb, "seq", seq.ToString(CultureInfo.InvariantCulture));
        Field(sb, "hash", hash);
        return key.Mac(sb.ToString());
    }

    public static string Compute(LedgerEntry entry) =>
        Compute(entry.PrevHash, entry.Seq, entry.CampaignId, entry.LetterId, entry.PatientId,
            Model.LedgerEventCodec.Name(entry.Kind), entry.Detail, entry.At);

    private static void Field(StringBuilder sb, string name, string? value)
    {
        sb.Append(name).Append(':');
        if (value is null)
        {
            sb.Append('-');
        }
        else
        {
            sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        sb.Append('\n');
    }
}
