using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Ledger;

/// <summary>
/// The canonical form of a ledger row and its SHA-256. Every field is written on its own line as
/// <c>name:length:value</c> (or <c>name:-</c> for null), so no value can be crafted to look like another field.
/// <see cref="LedgerEntry.At"/> is hashed as ISO-8601 UTC with seven fractional digits (ticks), which is lossless.
/// Changing this format breaks every existing chain; version it (the first line) if it must ever change.
/// </summary>
public static class LedgerHasher
{
    /// <summary>PrevHash of the first row.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const string FormatVersion = "notices-ledger-v1";

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
