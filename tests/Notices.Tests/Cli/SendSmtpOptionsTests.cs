using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Bad SMTP options stop <c>send</c> before anything is rendered, with a reason and exit code 2.</summary>
public sealed class SendSmtpOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Send(Dictionary<string, string>? environment, params string[] extra) =>
        CliRunner.Run(_dir.Path, environment, ["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", .. extra]);

    [Theory]
    [InlineData("smtps://mail.example.com", "STARTTLS")]
    [InlineData("smtp://bob:pw@mail.example.com", "NOTICES_SMTP_PASSWORD")]
    [InlineData("mail.example.com", "smtp://")]
    public void An_unusable_server_url_is_a_usage_error(string url, string hint)
    {
        var result = Send(null, "--smtp", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(hint, result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out")));
    }

    [Fact]
    public void Credentials_are_never_sent_without_TLS_to_a_remote_server()
    {
        var env = new Dictionary<string, string> { ["NOTICES_SMTP_USER"] = "fsn", ["NOTICES_SMTP_PASSWORD"] = "hemmeligt-kodeord" };

        var result = Send(env, "--smtp", "smtp://mail.example.com:587", "--smtp-insecure");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Refusing to send SMTP credentials without TLS", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("hemmeligt-kodeord", result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token-without-user", "XOAUTH2 needs NOTICES_SMTP_USER")]
    [InlineData("password-and-token", "not both")]
    [InlineData("missing-token-file", "not an OAuth2 token file")]
    [InlineData("empty-token-file", "not an OAuth2 token file")]
    public void An_incomplete_or_contradictory_XOAUTH2_login_is_a_usage_error_that_never_shows_a_secret(string what, string hint)
    {
        var tokenFile = Path.Combine(_dir.Path, "token");
        File.WriteAllText(tokenFile, what == "empty-token-file" ? "" : "hemmeligt-token");
        var env = what switch
        {
            "token-without-user" => new Dictionary<string, string> { ["NOTICES_SMTP_OAUTH2_TOKEN_FILE"] = tokenFile },
            "password-and-token" => new Dictionary<string, string>
            {
                ["NOTICES_SMTP_USER"] = "fsn@example.com", ["NOTICES_SMTP_PASSWORD"] = "hemmeligt-kodeord", ["NOTICES_SMTP_OAUTH2_TOKEN_FILE"] = tokenFile,
            },
            "missing-token-file" => new Dictionary<string, string> { ["NOTICES_SMTP_USER"] = "fsn@example.com", ["NOTICES_SMTP_OAUTH2_TOKEN_FILE"] = tokenFile + ".gone" },
            _ => new Dictionary<string, string> { ["NOTICES_SMTP_USER"] = "fsn@example.com", ["NOTICES_SMTP_OAUTH2_TOKEN_FILE"] = tokenFile },
        };

        var result = Send(env, "--smtp", "smtp://mail.example.com:587");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(hint, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("hemmeligt", result.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_smtp_ca_file_that_is_missing_or_holds_no_certificate_is_a_usage_error_naming_it(bool exists)
    {
        var path = Path.Combine(_dir.Path, "ca.pem");
        if (exists)
        {
            File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        }

        var result = Send(null, "--smtp", "smtp://mail.example.com:587", "--smtp-ca", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--smtp-ca", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("ca.pem", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out")));
    }

    [Fact]
    public void Half_the_credentials_is_a_usage_error()
    {
        var result = Send(new Dictionary<string, string> { ["NOTICES_SMTP_USER"] = "fsn" }, "--smtp", "smtp://127.0.0.1:25");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NOTICES_SMTP_PASSWORD", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--connections", "0")]
    [InlineData("--max-rate", "-1")]
    [InlineData("--smtp-attempts", "0")]
    public void Out_of_range_numbers_are_usage_errors(string option, string value)
    {
        var result = Send(null, "--smtp", "smtp://127.0.0.1:25", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_smtp_options()
    {
        var help = CliRunner.Run(_dir.Path, "send", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--smtp", "--smtp-ca", "--smtp-insecure", "--connections", "--max-rate", "--no-print-fallback", "NOTICES_SMTP_USER" })
        {
            Assert.Contains(option, help.StdOut, StringComparison.Ordinal);
        }
    }
}
