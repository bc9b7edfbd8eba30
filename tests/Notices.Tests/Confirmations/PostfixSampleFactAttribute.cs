using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>
/// A fact on a real Postfix capture in Samples/ (made by the Postfix test set-up). Skipped, saying why, while the
/// capture is not in the tree.
/// </summary>
public sealed class PostfixSampleFactAttribute : FactAttribute
{
    public PostfixSampleFactAttribute(string sample)
    {
        if (!File.Exists(Path.Combine(DsnFixtures.SamplesFolder, sample)))
        {
            Skip = $"Samples/{sample} is not in this tree yet.";
        }
    }
}
