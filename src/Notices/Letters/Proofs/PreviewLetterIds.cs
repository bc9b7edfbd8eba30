namespace Notices.Letters.Proofs;

/// <summary>
/// The letter id a proof carries when the patient has none yet: marked PREVIEW where the sequence number would be
/// (FA830-DK-PREVIEW), so a proof can never be taken for a sent letter. Real ids come only from <c>send</c>.
/// </summary>
public static class PreviewLetterIds
{
    public const string Marker = "PREVIEW";

    public static string Make(string reference, string country) =>
        $"{reference}-{(string.IsNullOrWhiteSpace(country) ? "DK" : country.ToUpperInvariant())}-{Marker}";

    public static bool IsPreview(string letterId) => letterId.EndsWith("-" + Marker, StringComparison.Ordinal);
}
