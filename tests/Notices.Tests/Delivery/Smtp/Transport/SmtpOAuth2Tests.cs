using System.Security.Cryptography.X509Certificates;
using System.Text;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// AUTH XOAUTH2 (Microsoft 365, Google) against the scripted server over STARTTLS: the bearer token read from its file
/// at each connection, never sent without TLS, and never in an error message.
/// </summary>
public sealed class SmtpOAuth2Tests : IDisposable
{
    private const string OAuthEhlo = "250-scripted.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 AUTH LOGIN XOAUTH2";
    private const string User = "fsn@medtronic-sample.example.com";
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);
    private readonly X509Certificate2 _certificate = SmtpTransportTlsTests.MakeCertificate();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _certificate.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_token_from_the_file_goes_as_XOAUTH2_over_TLS_and_a_replaced_file_is_read_at_the_next_connection()
    {
        var tokenFile = _temp.File("token");
        File.WriteAllText(tokenFile, "eyJ0eXAiOiJKV1QifQ.first-token\n");
        using var server = new TranscriptSmtpServer(OAuthEhlo) { Certificate = _certificate };
        await using (var client = Client(server, SmtpOAuth2Token.FromFile(tokenFile)))
        {
            Assert.Equal(250, (await client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nBody\r\n"), CancellationToken.None)).Code);
            Assert.True(client.IsSecure);
            // A token refresher replaces the file; the open connection keeps its session, a new one reads the file.
            File.WriteAllText(tokenFile, "eyJ0eXAiOiJKV1QifQ.second-token");
            client.Dispose();
            Assert.Equal(250, (await client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: y\r\n\r\nBody\r\n"), CancellationToken.None)).Code);
        }

        var auths = server.Commands.Where(c => c.StartsWith("AUTH ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, auths.Count);
        Assert.Equal("AUTH XOAUTH2 " + Sasl("eyJ0eXAiOiJKV1QifQ.first-token"), auths[0]);
        Assert.Equal("AUTH XOAUTH2 " + Sasl("eyJ0eXAiOiJKV1QifQ.second-token"), auths[1]);
        // Both AUTH commands came after STARTTLS on their connection, never in the clear.
        Assert.DoesNotContain(server.Reads, r => r.Contains("AUTH", StringComparison.Ordinal) && r.Contains("STARTTLS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_concerns_the_server_and_the_error_holds_no_token()
    {
        var tokenFile = _temp.File("token");
        File.WriteAllText(tokenFile, "expired-secret-token");
        using var server = new TranscriptSmtpServer(OAuthEhlo)
        {
            Certificate = _certificate,
            // As Microsoft 365 does: a 334 with a JSON error, then 535 once the client answers with an empty line.
            Respond = line => line.StartsWith("AUTH XOAUTH2", StringComparison.Ordinal)
                ? "334 " + Convert.ToBase64String("{\"status\":\"401\",\"schemes\":\"bearer\"}"u8)
                : line.Length == 0 ? "535 5.7.3 Authentication unsuccessful" : null,
        };
        await using var client = Client(server, SmtpOAuth2Token.FromFile(tokenFile));

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.Auth, ex.Stage);
        Assert.Equal(535, ex.Reply!.Code);
        var failure = SmtpFailure.Classify(ex);
        Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
        Assert.DoesNotContain("expired-secret-token", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("expired-secret-token", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_without_XOAUTH2_or_without_TLS_never_sees_the_token()
    {
        var tokenFile = _temp.File("token");
        File.WriteAllText(tokenFile, "secret-token");
        using var noMechanism = new TranscriptSmtpServer("250-scripted.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN") { Certificate = _certificate };
        await using (var client = Client(noMechanism, SmtpOAuth2Token.FromFile(tokenFile)))
        {
            var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));
            Assert.Contains("XOAUTH2", ex.Message, StringComparison.Ordinal);
            Assert.Equal(SmtpFailureKind.ServerRefused, SmtpFailure.Classify(ex).Kind);
        }

        using var plain = new TranscriptSmtpServer("250-scripted.test\r\n250 AUTH XOAUTH2");
        await using (var client = Client(plain, SmtpOAuth2Token.FromFile(tokenFile), tls: false))
        {
            var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));
            Assert.Equal(SmtpStage.Auth, ex.Stage);
        }

        Assert.DoesNotContain(noMechanism.Commands.Concat(plain.Commands), c => c.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.DoesNotContain(string.Concat(plain.Reads), Convert.ToBase64String(Encoding.ASCII.GetBytes("secret-token")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_that_is_missing_empty_a_fifo_or_huge_is_refused_naming_the_file_not_the_token()
    {
        var missing = _temp.File("missing");
        var empty = _temp.File("empty");
        File.WriteAllText(empty, "  \n");
        var fifo = _temp.File("fifo");
        Assert.Equal(0, System.Diagnostics.Process.Start("mkfifo", [fifo])!.WaitForExitAsync().ContinueWith(_ => 0).Result);
        var huge = _temp.File("huge");
        File.WriteAllText(huge, new string('a', 70_000));

        foreach (var path in new[] { missing, empty, fifo, huge })
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var ex = Assert.Throws<InvalidOperationException>(() => SmtpOAuth2Token.FromFile(path).ReadToken());
            Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), path); // a FIFO is never opened, so it cannot hang
        }

        Assert.Equal("abc.def", SmtpOAuth2Token.Fixed(" abc.def\n").ReadToken());
    }

    /// <summary>
    /// Review regression: the file is read at every connection, and a refresher may have truncated it just then. That
    /// is an AUTH failure of the server's (named, the run stops using it), not an unexpected error per letter.
    /// </summary>
    [Fact]
    public async Task A_token_file_emptied_by_its_refresher_is_an_auth_failure_of_the_server_not_an_unexpected_error()
    {
        var tokenFile = _temp.File("token");
        File.WriteAllText(tokenFile, "eyJ0eXAiOiJKV1QifQ.first-token\n");
        var token = SmtpOAuth2Token.FromFile(tokenFile);
        token.ReadToken(); // as SmtpLogin.FromEnvironment checks it before the run
        File.WriteAllText(tokenFile, ""); // the refresher truncated it and has not written the new token yet

        using var server = new TranscriptSmtpServer(OAuthEhlo) { Certificate = _certificate };
        await using var client = Client(server, token);

        var ex = await Record.ExceptionAsync(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        var transport = Assert.IsType<SmtpTransportException>(ex);
        Assert.Equal(SmtpStage.Auth, transport.Stage);
        Assert.True(SmtpFailure.Classify(transport).ConcernsServer);
    }

    /// <summary>The SASL XOAUTH2 initial response: base64 of user=…^Aauth=Bearer …^A^A.</summary>
    private static string Sasl(string token) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("user=" + User + "\u0001auth=Bearer " + token + "\u0001\u0001"));

    private static SmtpTransport Client(TranscriptSmtpServer server, SmtpOAuth2Token token, bool tls = true)
    {
        var roots = new X509Certificate2Collection();
        if (server.Certificate is { } certificate)
        {
            roots.Add(X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)));
        }

        return new(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            RequireStartTls = tls,
            TrustedRoots = roots,
            Login = new SmtpLogin { UserName = User, OAuth2 = token },
            Timeout = TimeSpan.FromSeconds(5),
            ClientName = "client.test",
        });
    }
}
