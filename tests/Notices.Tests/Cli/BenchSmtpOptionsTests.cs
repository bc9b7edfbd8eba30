using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// Bad <c>bench --smtp</c> options stop the benchmark with exit code 2 before it prepares its folder or connects. The
/// server is a local listener of the test's own (never the shared Postfix), so a connection would show.
/// </summary>
public sealed class BenchSmtpOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);

    public BenchSmtpOptionsTests() => _server.Start();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _dir.Dispose();
    }

    private string Url => "smtp://127.0.0.1:" + ((IPEndPoint)_server.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Zero_rounds_is_a_usage_error_naming_rounds()
    {
        var result = CliRunner.Run(_dir.Path, "bench", "--smtp", Url, "--rounds", "0", "--messages", "1", "--out", "bench");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("--rounds", result.StdErr, StringComparison.Ordinal);
        AssertNothingStarted();
    }

    [Fact]
    public void A_postfix_config_folder_without_main_cf_is_a_usage_error_naming_main_cf()
    {
        var missing = _dir.File("no-such-postfix-etc");

        var result = CliRunner.Run(_dir.Path, "bench", "--smtp", Url, "--postfix-config", missing, "--messages", "1", "--out", "bench");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("main.cf", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(missing, result.StdErr, StringComparison.Ordinal);
        AssertNothingStarted();
    }

    private void AssertNothingStarted()
    {
        Assert.False(_server.Pending(), "bench connected to the SMTP server despite a usage error");
        Assert.False(Directory.Exists(_dir.File("bench")), "bench prepared its folder despite a usage error");
    }
}
