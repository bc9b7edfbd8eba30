using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>STARTTLS and AUTH against the scripted server with a self-signed certificate made in the test.</summary>
public sealed class SmtpTransportTlsTests : IDisposable
{
    private const string TlsEhlo = "250-scripted.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN";
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);
    private static readonly SmtpLogin Login = new() { UserName = "notices", Password = "s3cret-pw" };
    private readonly X509Certificate2 _certificate = MakeCertificate();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _certificate.Dispose();
        _temp.Dispose();
    }

    private X509Certificate2Collection Ca()
    {
        var path = _temp.File("ca.pem");
        File.WriteAllText(path, _certificate.ExportCertificatePem());
        return SmtpTransportCa.Load(path);
    }

    private static SmtpTransport Client(TranscriptSmtpServer server, X509Certificate2Collection? roots, SmtpLogin? credentials = null, bool tls = true) =>
        new(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            RequireStartTls = tls,
            TrustedRoots = roots,
            Login = credentials,
            Timeout = TimeSpan.FromSeconds(5),
            ClientName = "client.test",
        });

    [Fact]
    public async Task STARTTLS_with_the_private_CA_trusted_sends_over_TLS_and_authenticates()
    {
        using var server = new TranscriptSmtpServer(TlsEhlo) { Certificate = _certificate };
        await using (var client = Client(server, Ca(), Login))
        {
            var reply = await client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nBody\r\n"), CancellationToken.None);
            Assert.Equal(250, reply.Code);
            Assert.True(client.IsSecure);
        }

        var commands = server.Commands.ToList();
        Assert.Equal(["EHLO client.test", "STARTTLS", "EHLO client.test"], commands.Take(3));
        Assert.StartsWith("AUTH PLAIN ", commands[3], StringComparison.Ordinal);
        Assert.DoesNotContain(string.Concat(server.Reads.Take(2)), "AUTH", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_without_the_CA_option_and_that_concerns_the_server()
    {
        using var server = new TranscriptSmtpServer(TlsEhlo) { Certificate = _certificate };
        await using var client = Client(server, roots: null, Login);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.StartTls, ex.Stage);
        Assert.True(ex.TlsFailed);
        Assert.Equal(SmtpFailureKind.ServerRefused, SmtpFailure.Classify(ex).Kind);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal) || c.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("454 4.7.0 TLS not available due to local problem")]
    [InlineData(null)]
    public async Task A_server_that_refuses_or_does_not_offer_STARTTLS_is_given_up(string? refusal)
    {
        using var server = new TranscriptSmtpServer(refusal is null ? "250-scripted.test\r\n250 PIPELINING" : TlsEhlo)
        {
            Certificate = _certificate,
            Respond = line => line == "STARTTLS" ? refusal : null,
        };
        await using var client = Client(server, Ca());

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.StartTls, ex.Stage);
        var failure = SmtpFailure.Classify(ex);
        Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
        Assert.True(failure.ConcernsServer);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_AUTH_failure_concerns_the_server_and_the_LOGIN_fallback_sends_user_and_password_only_over_TLS()
    {
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250-STARTTLS\r\n250 AUTH LOGIN")
        {
            Certificate = _certificate,
            Respond = line => line == Convert.ToBase64String("s3cret-pw"u8) ? "535 5.7.8 Error: authentication failed" : null,
        };
        await using var client = Client(server, Ca(), Login);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.Auth, ex.Stage);
        Assert.Equal(535, ex.Reply!.Code);
        Assert.Equal(SmtpFailureKind.ServerRefused, SmtpFailure.Classify(ex).Kind);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AUTH LOGIN", server.Commands);
    }

    [Fact]
    public async Task AUTH_is_refused_over_plain_text_and_no_credential_leaves_the_client()
    {
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250 AUTH PLAIN LOGIN");
        await using var client = Client(server, roots: null, Login, tls: false);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nx\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.Auth, ex.Stage);
        Assert.Equal(SmtpFailureKind.ServerRefused, SmtpFailure.Classify(ex).Kind);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.DoesNotContain(string.Concat(server.Reads), Convert.ToBase64String("\0notices\0s3cret-pw"u8), StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_file_without_a_certificate_is_refused_naming_the_file()
    {
        var path = _temp.File("empty.pem");
        File.WriteAllText(path, "not a certificate");

        var ex = Assert.Throws<InvalidOperationException>(() => SmtpTransportCa.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    internal static X509Certificate2 MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=scripted.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }
}
