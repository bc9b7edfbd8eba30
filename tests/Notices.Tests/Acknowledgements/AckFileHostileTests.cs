using Notices.Acknowledgements;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>A careless --file: the wrong, huge export. It is refused before it is read (200 MB took 1.7 GB of memory).</summary>
public sealed class AckFileHostileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_larger_than_the_limit_is_one_problem_and_is_not_read()
    {
        var path = Path.Combine(_dir.Path, "svar.csv");
        using (var file = File.Create(path))
        {
            file.Write("letter_id;received_date\n"u8);
            file.SetLength(AckFile.MaxFileBytes + 1); // sparse: costs no disk
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var read = AckFile.Read(path);

        Assert.Empty(read.Requests);
        Assert.Equal(1, read.ProblemCount);
        Assert.Contains("larger than", Assert.Single(read.Problems).ToString(), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    [Fact]
    public void A_file_just_under_the_limit_is_read()
    {
        var path = Path.Combine(_dir.Path, "svar.csv");
        File.WriteAllText(path, "letter_id;received_date\nFA830-DK-000001;2026-11-22\n");

        var read = AckFile.Read(path);

        Assert.Equal(0, read.ProblemCount);
        Assert.Single(read.Requests);
    }
}
