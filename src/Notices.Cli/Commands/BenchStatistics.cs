using System.Globalization;

namespace Notices.Cli.Commands;

/// <summary>Medians and run lists for the benchmark's repeated measures (the machine is noisy; a median is quoted).</summary>
internal static class BenchStatistics
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"median of 3 runs: 512, 530, 498" (or the one value).</summary>
    public static string Runs(IReadOnlyCollection<double> values, string format = "0") =>
        values.Count == 1
            ? "1 run"
            : $"median of {values.Count} runs: " + string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
