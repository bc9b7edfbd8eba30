using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>What <see cref="LetterDelivery"/> needs to make a letter: the date it carries and its composed text.</summary>
public interface IDeliveryComposer
{
    DateOnly DateOf(PlannedLetter letter);

    ComposedLetter Compose(PlannedLetter letter);
}
