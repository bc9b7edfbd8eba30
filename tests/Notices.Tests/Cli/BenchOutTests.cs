using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary><c>bench --out</c> only ever clears a folder it made itself (or an empty one): never the user's data.</summary>
public sealed class BenchOutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bench_refuses_a_folder_holding_a_store_it_did_not_make()
    {
        var folder = _dir.File("campaign");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notices.db"), "the user's store");
        File.WriteAllText(Path.Combine(folder, "report.csv"), "letter_id;state\n");

        var result = CliRunner.Run(_dir.Path, "bench", "--out", "campaign", "--patients", "10", "--letters", "2");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("campaign", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("bench", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("the user's store", File.ReadAllText(Path.Combine(folder, "notices.db")));
        Assert.True(File.Exists(Path.Combine(folder, "report.csv")));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder).Length);
    }

    [Fact]
    public void Bench_refuses_any_non_empty_folder_without_its_marker()
    {
        Directory.CreateDirectory(_dir.File("letters/sub"));
        File.WriteAllText(_dir.File("letters/sub/a.pdf"), "%PDF");

        var result = CliRunner.Run(_dir.Path, "bench", "--out", "letters", "--patients", "10", "--letters", "2");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.True(File.Exists(_dir.File("letters/sub/a.pdf")));
    }

    [Fact]
    public void Bench_marks_the_folder_it_makes_and_reuses_it_on_the_next_run()
    {
        var first = CliRunner.Run(_dir.Path, "bench", "--out", "bench", "--patients", "10", "--letters", "2");
        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(File.Exists(_dir.File("bench/.notices-bench")), "bench marks its folder");
        Assert.True(File.Exists(_dir.File("bench/notices.db")));

        var second = CliRunner.Run(_dir.Path, "bench", "--out", "bench", "--patients", "10", "--letters", "2");

        Assert.True(second.ExitCode == 0, second.All);
        Assert.True(File.Exists(_dir.File("bench/.notices-bench")));
    }
}
