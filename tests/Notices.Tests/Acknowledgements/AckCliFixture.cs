using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>
/// One store with two sent campaigns (the bundled sample, and a copy of it under reference FA831), made once by the real
/// <c>notices import</c> and <c>send</c> (pickup and print batch, no mail server). Tests work on copies (<see cref="Copy"/>).
/// </summary>
public sealed class AckCliFixture : IDisposable
{
    public const string Campaign = "fa830-minimed-dk";
    public const string OtherCampaign = "fa831-minimed-dk";

    private readonly TempDirectory _dir = new();

    public AckCliFixture()
    {
        var import = CliRunner.Run(_dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);
        var other = Path.Combine(_dir.Path, "notice-fa831");
        Directory.CreateDirectory(other);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            var text = File.ReadAllText(file)
                .Replace("id: " + Campaign, "id: " + OtherCampaign, StringComparison.Ordinal)
                .Replace("reference: FA830", "reference: FA831", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(other, Path.GetFileName(file)), text);
        }

        foreach (var notice in (string[])[RepoPaths.SampleNotice, other])
        {
            var send = CliRunner.Run(_dir.Path, "send", "--unapproved", notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");
            Assert.True(send.ExitCode == 3, send.All); // one sample patient is unreachable
        }
    }

    /// <summary>A fresh copy of the store (and out/) to change.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory();
        foreach (var file in Directory.GetFiles(_dir.Path))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        return copy;
    }

    public void Dispose() => _dir.Dispose();
}
