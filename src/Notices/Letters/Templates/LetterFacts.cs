using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>What the product's template functions read of the letter being merged (not visible to the template).</summary>
internal sealed record LetterFacts(IReadOnlyList<AffectedDevice> Devices, bool LargePrint);
