using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>The campaign's own letters (letter.md, email.md), all with one date.</summary>
public sealed class OriginalLetterComposer(LetterComposer composer, DateOnly letterDate) : IDeliveryComposer
{
    public DateOnly DateOf(PlannedLetter letter) => letterDate;

    public ComposedLetter Compose(PlannedLetter letter) => composer.Compose(letter, letterDate);
}
