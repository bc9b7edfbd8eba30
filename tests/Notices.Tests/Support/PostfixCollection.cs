using Xunit;

namespace Notices.Tests.Support;

/// <summary>
/// Tests that talk to the one real Postfix (<see cref="PostfixServer"/>): they share its Maildirs and queue, and some
/// stop and start it, so they run one at a time and never alongside other collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostfixCollection
{
    public const string Name = "postfix";
}
