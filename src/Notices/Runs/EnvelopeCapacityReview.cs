using System.Collections.Concurrent;
using System.Globalization;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>
/// At <c>plan</c>: which post letters need more sheets than the notice's envelope holds. Each post letter is composed
/// and laid out exactly as <c>send</c> does (measured, never drawn), so its page count is the one the batch will
/// have; sheets then count as in the manifest (duplex, with the pad page). Letters that cannot be laid out are left
/// to the other checks. Problems name letter and patient id only.
/// </summary>
public sealed class EnvelopeCapacityReview(LetterComposer composer, DateOnly letterDate, Envelope envelope)
{
    private readonly LetterLayoutEngine _layout = new();

    /// <summary>The page count of every post letter that could be laid out, by letter id.</summary>
    public IReadOnlyDictionary<string, int> PostPages(IEnumerable<PlannedLetter> letters)
    {
        var pages = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Parallel.ForEach(letters.Where(l => l.Channel == DeliveryChannelKind.Post),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            letter =>
            {
                try
                {
                    pages[letter.LetterId] = _layout.Layout(composer.Compose(letter, letterDate).Document).Pages.Count;
                }
                catch (MissingGlyphException)
                {
                    // Reported as a missing glyph by LetterTextReview; the letter will not be made at all.
                }
            });
        return pages;
    }

    public IEnumerable<PlanProblem> Check(IReadOnlyList<PlannedLetter> letters, IReadOnlyDictionary<string, int> postPages)
    {
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(postPages);
        foreach (var letter in letters.Where(l => l.Channel == DeliveryChannelKind.Post).OrderBy(l => l.LetterId, StringComparer.Ordinal))
        {
            if (!postPages.TryGetValue(letter.LetterId, out var pages))
            {
                continue;
            }

            var sheets = Envelope.SheetsFor(pages, Envelope.PadFor(pages, padToEven: true), duplex: true);
            if (!envelope.Holds(sheets))
            {
                yield return new PlanProblem(letter.Recipient.PatientId, letter.LetterId, PlanProblemKind.OverCapacity,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{pages} pages = {sheets} sheets (duplex); envelope {envelope.Name} holds {envelope.CapacitySheets}: pack by hand or in a bigger envelope."));
            }
        }
    }
}
