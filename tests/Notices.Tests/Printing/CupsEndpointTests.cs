using Notices.Cli;
using Notices.Printing;
using Xunit;

namespace Notices.Tests.Printing;

public sealed class CupsEndpointTests
{
    [Theory]
    [InlineData(null, "localhost", 631)]
    [InlineData("", "localhost", 631)]
    [InlineData("printhost", "printhost", 631)]
    [InlineData("127.0.0.1:6631", "127.0.0.1", 6631)]
    [InlineData(" print.example.com:8631 ", "print.example.com", 8631)]
    [InlineData("[::1]:6631", "[::1]", 6631)]
    [InlineData("[::1]", "[::1]", 631)]
    public void CUPS_SERVER_host_and_port(string? text, string host, int port)
    {
        var endpoint = CupsEndpoint.Parse(text);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal($"ipp://{host}:{port}/printers/q", endpoint.IppUri("/printers/q"));
    }

    [Theory]
    [InlineData("/run/cups/cups.sock")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    [InlineData("[::1")]
    [InlineData("user@host")]
    [InlineData("host/path")]
    public void Anything_else_is_refused(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => CupsEndpoint.Parse(text));
        Assert.Contains("CUPS_SERVER", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData("0", 0)]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2H", 7200)]
    public void Print_timeout_durations(string? text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PrintCliOptions.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("5d")]
    [InlineData("m")]
    [InlineData("1.5m")]
    [InlineData("999999999h")]
    public void Bad_print_timeouts_are_usage_errors(string text) =>
        Assert.Throws<UsageException>(() => PrintCliOptions.ParseDuration(text));
}
