using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// A typo in --db: only import and demo create a store; every other command exits 2, names the path and leaves no
/// file behind.
/// </summary>
public sealed class StorePathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public StorePathTests() => Directory.CreateDirectory(_dir.File("maildir/new"));

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string[]> CommandsThatNeedAStore() => new()
    {
        { new[] { "plan", RepoPaths.SampleNotice } },
        { new[] { "send", "--unapproved", RepoPaths.SampleNotice } },
        { new[] { "status", "fa830-minimed-dk" } },
        { new[] { "report", "fa830-minimed-dk" } },
        { new[] { "verify" } },
        { new[] { "dsn", "import", "--maildir", "maildir" } },
    };

    [Theory]
    [MemberData(nameof(CommandsThatNeedAStore))]
    public void A_command_other_than_import_refuses_a_store_path_that_does_not_exist(string[] command)
    {
        Directory.CreateDirectory(_dir.File("maildir/cur"));
        var typo = Path.Combine("nottes", "notices.db");

        var result = CliRunner.Run(_dir.Path, [.. command, "--db", typo]);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("no store at " + typo, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("notices import", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File(typo)), "no store file may be created");
        Assert.False(Directory.Exists(_dir.File("nottes")), "no folder may be created");
    }

    [Fact]
    public void A_file_that_is_not_a_notices_store_is_refused_and_left_as_it_is()
    {
        File.WriteAllBytes(_dir.File("empty.db"), []);

        var result = CliRunner.Run(_dir.Path, "status", "fa830-minimed-dk", "--db", "empty.db");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("empty.db", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(_dir.File("empty.db")).Length);
    }

    [Fact]
    public void Import_creates_the_store_and_its_folder()
    {
        var result = CliRunner.Run(_dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices,
            "--db", Path.Combine("new", "notices.db"));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(File.Exists(_dir.File("new/notices.db")));

        var status = CliRunner.Run(_dir.Path, "plan", RepoPaths.SampleNotice, "--db", Path.Combine("new", "notices.db"));
        Assert.True(status.ExitCode == 0, status.All);
    }
}
