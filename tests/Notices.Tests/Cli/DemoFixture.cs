using Notices.Tests.Support;

namespace Notices.Tests.Cli;

/// <summary>Runs <c>notices demo</c> once for the tests that read its output.</summary>
public sealed class DemoFixture : IDisposable
{
    public DemoFixture()
    {
        First = CliRunner.Run(Dir.Path, "demo", "--out", "out");
        Campaign = Path.Combine(Dir.Path, "out", "fa830-minimed-dk");
    }

    public TempDirectory Dir { get; } = new();
    public CliRunner.Result First { get; }
    public string Campaign { get; }
    public string Db => Path.Combine(Dir.Path, "out", "notices.db");

    public void Dispose() => Dir.Dispose();
}
