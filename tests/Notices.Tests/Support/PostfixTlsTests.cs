using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace Notices.Tests.Support;

/// <summary>
/// Proves the test Postfix's STARTTLS ports before the transport's TLS tests lean on them: 2526 offers STARTTLS with a
/// certificate for 127.0.0.1 that validates against the private test CA and nothing else, 2527 is self-signed, 2525
/// offers no STARTTLS, and a message received over TLS is logged with its handshake.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class PostfixTlsTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    public PostfixTlsTests() => PostfixServer.EnsureRunning();

    [Theory]
    [InlineData(PostfixServer.TlsPort, true)]
    [InlineData(PostfixServer.SelfSignedTlsPort, true)]
    [InlineData(PostfixServer.Port, false)]
    public void Ehlo_offers_starttls_on_the_tls_ports_only(int port, bool offered)
    {
        using var session = new RawSmtpSession(port);
        Assert.StartsWith("220 mail.notices.test ESMTP", session.Greeting, StringComparison.Ordinal);

        var ehlo = session.Command("EHLO client.test").Split('\n');

        Assert.All(ehlo, line => Assert.StartsWith("250", line, StringComparison.Ordinal));
        Assert.Equal(offered, ehlo.Any(line => line[4..] == "STARTTLS"));
        Assert.DoesNotContain(ehlo, line => line[4..].StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tls_port_certificate_names_127_0_0_1_and_validates_against_the_test_ca_only()
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(PostfixServer.TestCaFile);
        using var session = new RawSmtpSession(PostfixServer.TlsPort);
        session.Command("EHLO client.test");

        var errors = SslPolicyErrors.None;
        session.StartTls("127.0.0.1", ca, e => errors = e);

        Assert.Equal(SslPolicyErrors.None, errors);
        Assert.True(session.Tls!.IsAuthenticated);
        Assert.True(session.Tls.SslProtocol >= SslProtocols.Tls12);
        using var server = new X509Certificate2(session.Tls.RemoteCertificate!);
        Assert.Equal(ca.Subject, server.Issuer);
        Assert.StartsWith("250", session.Command("EHLO client.test"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_test_ca_the_tls_port_is_refused_as_untrusted()
    {
        using var session = new RawSmtpSession(PostfixServer.TlsPort);
        session.Command("EHLO client.test");

        var errors = SslPolicyErrors.None;
        Assert.Throws<AuthenticationException>(() => session.StartTls("127.0.0.1", trustedRoot: null, e => errors = e));

        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, errors);
    }

    [Fact]
    public void The_self_signed_port_is_refused_even_with_the_test_ca()
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(PostfixServer.TestCaFile);
        using var session = new RawSmtpSession(PostfixServer.SelfSignedTlsPort);
        session.Command("EHLO client.test");

        var errors = SslPolicyErrors.None;
        Assert.Throws<AuthenticationException>(() => session.StartTls("127.0.0.1", ca, e => errors = e));

        // Not issued by the test CA, and not for 127.0.0.1 either (the snakeoil names the host or localhost).
        Assert.True(errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors), errors.ToString());
        Assert.True(errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch), errors.ToString());
    }

    [Fact]
    public void A_message_sent_over_starttls_gets_the_queue_id_of_the_reply_in_the_log_with_its_tls_handshake()
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(PostfixServer.TestCaFile);
        var mark = PostfixLog.Mark();
        var tag = Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var messageId = $"<TLS-{tag}.{Guid.NewGuid():N}@bounces.example.com>";
        var to = $"tls-{tag}@patients.test";

        string reply;
        using (var session = new RawSmtpSession(PostfixServer.TlsPort))
        {
            session.Command("EHLO client.test");
            session.StartTls("127.0.0.1", ca);
            session.Command("EHLO client.test");
            reply = session.SendMessage($"bounces+TLS-{tag}@bounces.example.com", to, string.Join("\r\n",
                "From: notices@example.com", "To: " + to, "Subject: TLS probe", "Message-ID: " + messageId, "",
                "Over TLS.", ".A line that starts with a dot."));
        }

        // "250 2.0.0 Ok: queued as 4F3A2B1C0D": the id the transport will put into the ledger.
        Assert.StartsWith("250 2.0.0 Ok: queued as ", reply, StringComparison.Ordinal);
        var queueId = reply["250 2.0.0 Ok: queued as ".Length..].Trim();
        Assert.Equal(queueId, PostfixServer.QueueIdFor(messageId, mark));
        var tls = PostfixLog.TlsLineFor(queueId, mark);
        Assert.NotNull(tls);
        Assert.Matches(@"TLS connection established from localhost\[127\.0\.0\.1\]: TLSv1\.[23] with cipher ", tls);

        var file = PostfixServer.WaitForMessage(PostfixServer.PatientsMaildir, messageId, s_wait);
        var delivered = File.ReadAllText(file);
        File.Delete(file);
        Assert.Contains($"with ESMTPS id {queueId}", delivered, StringComparison.Ordinal);
        Assert.Contains("(using TLSv1.", delivered, StringComparison.Ordinal);
        Assert.Contains("\n.A line that starts with a dot.", delivered, StringComparison.Ordinal);
    }
}
