using System.Text.Json;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// The CLI's measured runtime settings (no dynamic PGO, no idle thread-pool spinning) must reach the runtimeconfig
/// that <c>dotnet notices.dll</c> reads, here the copy the CLI tests run.
/// </summary>
public sealed class CliRuntimeConfigTests
{
    [Fact]
    public void The_built_cli_turns_off_dynamic_pgo_and_thread_pool_spinning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "notices.runtimeconfig.json");
        Assert.True(File.Exists(path), path + " is missing");

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(JsonValueKind.False, properties.GetProperty("System.Runtime.TieredPGO").ValueKind);
        var spin = properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit");
        Assert.Equal(JsonValueKind.Number, spin.ValueKind);
        Assert.Equal(0, spin.GetInt32());
    }
}
