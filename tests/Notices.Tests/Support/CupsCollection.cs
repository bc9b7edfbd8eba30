using Xunit;

namespace Notices.Tests.Support;

/// <summary>Tests that use the one test CUPS (<see cref="CupsServer"/>) run one at a time: some stop or reject its queue.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CupsCollection
{
    public const string Name = "cups";
}
