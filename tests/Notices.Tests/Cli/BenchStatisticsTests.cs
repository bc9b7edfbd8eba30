using Notices.Cli.Commands;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>The SMTP benchmark quotes medians of its rounds; the median and the run list must be right.</summary>
public sealed class BenchStatisticsTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_of_the_sorted_input()
    {
        Assert.Equal(5.0, BenchStatistics.Median([9.0, 1.0, 5.0]));
        Assert.Equal(7.0, BenchStatistics.Median([7.0]));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(4.5, BenchStatistics.Median([8.0, 1.0, 4.0, 5.0]));
        Assert.Equal(2.5, BenchStatistics.Median([3.0, 2.0]));
    }

    [Fact]
    public void Median_does_not_reorder_the_callers_list()
    {
        var values = new List<double> { 3.0, 1.0, 2.0 };

        Assert.Equal(2.0, BenchStatistics.Median(values));
        Assert.Equal([3.0, 1.0, 2.0], values);
    }

    [Fact]
    public void Median_of_nothing_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchStatistics.Median(Array.Empty<double>()));
    }

    [Fact]
    public void Runs_lists_every_run_in_the_order_measured()
    {
        Assert.Equal("median of 3 runs: 512, 530, 498", BenchStatistics.Runs([512.4, 530.0, 497.6]));
        Assert.Equal("median of 2 runs: 1.25, 0.50", BenchStatistics.Runs([1.25, 0.5], "0.00"));
    }

    [Fact]
    public void Runs_of_a_single_measure_says_1_run()
    {
        Assert.Equal("1 run", BenchStatistics.Runs([512.0]));
    }
}
