using System.Globalization;
using System.Text;

namespace Notices.Campaigns;

/// <summary>
/// Normalises model and manufacturer names for matching: case, trademark signs (™ ® ©) and all whitespace are ignored,
/// so "MiniMed™ Paradigm™ Veo 754" and "minimed paradigm veo754" compare equal.
/// </summary>
public static class ModelName
{
    public static string Normalise(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var sb = new StringBuilder(name.Length);
        // Filter the signs before NFKC, which would expand ™ to "TM".
        var withoutSigns = name.Replace("™", "", StringComparison.Ordinal)
            .Replace("®", "", StringComparison.Ordinal)
            .Replace("©", "", StringComparison.Ordinal);
        foreach (var ch in withoutSigns.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(ch) || char.GetUnicodeCategory(ch) == UnicodeCategory.Format)
            {
                continue;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }
}
