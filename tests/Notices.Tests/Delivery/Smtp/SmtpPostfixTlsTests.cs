using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// STARTTLS against the real Postfix: its TLS port's certificate comes from a private test CA, so <c>send</c> refuses it
/// until <c>--smtp-ca</c> names that CA, then delivers over TLS (Postfix logs the TLS session of the message's queue
/// id); the port with Debian's self-signed snakeoil certificate is refused even with the CA.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpPostfixTlsTests
{
    private const int Patients = 4;

    [Fact]
    public void Without_the_ca_the_tls_port_is_refused_and_nothing_is_delivered()
    {
        using var ws = new SmtpCampaignWorkspace(Patients);

        var send = ws.Send(PostfixServer.TlsSmtpUrl, "--smtp-starttls", "--smtp-attempts", "1");

        Assert.NotEqual(0, send.ExitCode);
        Assert.Contains("certificate", send.All, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("0", ws.Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'EmailAccepted'"));
        Thread.Sleep(1000);
        Assert.Empty(PostfixServer.MessageFiles(PostfixServer.PatientsMaildir));
    }

    [Fact]
    public void With_the_ca_every_email_is_delivered_over_tls_and_postfix_logs_the_tls_session()
    {
        using var ws = new SmtpCampaignWorkspace(Patients);
        var since = PostfixLog.Mark();

        var send = ws.Send(PostfixServer.TlsSmtpUrl, "--smtp-ca", PostfixServer.TestCaFile);

        Assert.True(send.ExitCode is 0 or 3, send.All);
        var expected = SmtpCampaignData.DeliveredByEmail(Patients).Count;
        var files = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, expected, TimeSpan.FromSeconds(60));
        Assert.Equal(expected, files.Count);
        foreach (var file in files)
        {
            var message = PostfixServer.LoadMessage(file);
            var queueId = PostfixServer.QueueIdFor(message.Headers["message-id"].Trim(), since);
            Assert.True(PostfixLog.TlsLoggedFor(queueId, since), "no TLS line in the Postfix log for queue id " + queueId);
            Assert.Contains("ESMTPS", message.Raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_self_signed_certificate_is_refused_even_with_the_test_ca()
    {
        using var ws = new SmtpCampaignWorkspace(Patients);

        var send = ws.Send(PostfixServer.SelfSignedTlsSmtpUrl, "--smtp-ca", PostfixServer.TestCaFile, "--smtp-attempts", "1");

        Assert.NotEqual(0, send.ExitCode);
        Assert.Equal("0", ws.Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'EmailAccepted'"));
    }
}
