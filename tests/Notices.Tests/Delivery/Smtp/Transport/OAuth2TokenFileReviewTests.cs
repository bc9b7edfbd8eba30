using System.Security.Cryptography.X509Certificates;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// Review: the token file is read at every connection (so a refresher can replace it). When it cannot be read at that
/// moment (a refresher that truncates and rewrites it, a secret mount being rotated), SmtpOAuth2Token throws
/// InvalidOperationException, which SmtpTransport.Connect neither translates nor wraps: it leaves Send as a raw
/// InvalidOperationException, the channel records "unexpected error: InvalidOperationException" (the file and the
/// reason are lost), and the server is not given up, so every queued letter opens a TLS session only to fail the same way.
/// </summary>
public sealed class OAuth2TokenFileReviewTests : IDisposable
{
    private const string OAuthEhlo = "250-scripted.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 AUTH LOGIN XOAUTH2";
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);
    private readonly X509Certificate2 _certificate = SmtpTransportTlsTests.MakeCertificate();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _certificate.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_token_file_emptied_by_its_refresher_is_an_auth_failure_of_the_server_not_an_unexpected_error()
    {
        var tokenFile = _temp.File("token");
        File.WriteAllText(tokenFile, "eyJ0eXAiOiJKV1QifQ.first-token\n");
        var token = SmtpOAuth2Token.FromFile(tokenFile);
        token.ReadToken(); // as SmtpLogin.FromEnvironment checks it before the run
        File.WriteAllText(tokenFile, ""); // the refresher truncated it and has not written the new token yet

        using var server = new TranscriptSmtpServer(OAuthEhlo) { Certificate = _certificate };
        var roots = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(_certificate.Export(X509ContentType.Cert)) };
        await using var client = new SmtpTransport(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            RequireStartTls = true,
            TrustedRoots = roots,
            Login = new SmtpLogin { UserName = "fsn@medtronic-sample.example.com", OAuth2 = token },
            Timeout = TimeSpan.FromSeconds(5),
            ClientName = "client.test",
        });

        var ex = await Record.ExceptionAsync(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        var transport = Assert.IsType<SmtpTransportException>(ex);
        Assert.Equal(SmtpStage.Auth, transport.Stage);
        Assert.True(SmtpFailure.Classify(transport).ConcernsServer);
    }
}
