using System.Text;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Delivery.Mime;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// A patient whose address has letters beyond ASCII in its local part (<c>jørgen@…</c>) gets email through a server
/// that offers SMTPUTF8 (RFC 6531), delivered by the real Postfix and DKIM-signed; a server without it never sees the
/// address, and the letter goes by post.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpUtf8Tests : IDisposable
{
    private const string Jorgen = "jørgen.ærø@patients.test";
    private readonly LedgerTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Through_Postfix_the_letter_is_delivered_with_SMTPUTF8_and_its_DKIM_signature_verifies()
    {
        PostfixServer.EnsureRunning();
        var (pdf, sha) = Pdf();
        using var signer = DkimTestKeys.Signer();
        var identity = SmtpTestLetters.Identity("smtputf8-tests-verp-key") with { Dkim = signer };

        var (completion, accepted) = await Send(new SmtpServerAddress("127.0.0.1", PostfixServer.Port), identity,
            SmtpTestLetters.Letter(1, pdf, sha) with { EmailAddress = Jorgen });

        Assert.Null(completion.ServerProblem);
        var messageId = Assert.Single(accepted).Event.MessageId;
        var file = PostfixServer.WaitForMessage(PostfixServer.PatientsMaildir, messageId, TimeSpan.FromSeconds(60));
        var raw = File.ReadAllText(file, Encoding.UTF8);
        // The header carries the address in UTF-8 (RFC 6532), as the envelope did.
        Assert.Contains("<" + Jorgen + ">", raw, StringComparison.Ordinal);
        var verification = DkimVerifier.Verify(file, DkimVerifier.TxtRecordFor(DkimTestKeys.Key));
        Assert.True(verification.Verified, verification.Log);
    }

    [Fact]
    public async Task A_server_without_SMTPUTF8_never_gets_the_address_and_the_letter_goes_by_post()
    {
        var (pdf, sha) = Pdf();
        using var server = new TranscriptSmtpServer(); // offers PIPELINING, SIZE, 8BITMIME, DSN; no SMTPUTF8

        var (completion, accepted) = await Send(new SmtpServerAddress("127.0.0.1", server.Port), SmtpTestLetters.Identity("smtputf8-tests-verp-key"),
            SmtpTestLetters.Letter(1, pdf, sha) with { EmailAddress = Jorgen }, SmtpTestLetters.Letter(2, pdf, sha));

        Assert.Null(completion.ServerProblem); // the server is fine for every other letter
        Assert.Equal(SmtpTestLetters.Id(2), Assert.Single(accepted).LetterId);
        var failed = Assert.IsType<EmailFailed>(_store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailFailed).ReadEvent());
        Assert.Contains("SMTPUTF8", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("print", failed.Fallback);
        Assert.Equal(SmtpTestLetters.Id(1), Assert.Single(completion.ForPost).LetterId);
        Assert.DoesNotContain(server.Commands, c => c.Contains("rgen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_offers_SMTPUTF8_gets_the_parameter_and_the_raw_address()
    {
        var (pdf, sha) = Pdf();
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 DSN");

        var (_, accepted) = await Send(new SmtpServerAddress("127.0.0.1", server.Port), SmtpTestLetters.Identity("smtputf8-tests-verp-key"),
            SmtpTestLetters.Letter(1, pdf, sha) with { EmailAddress = Jorgen });

        Assert.Single(accepted);
        Assert.Contains(server.Commands, c => c.StartsWith("MAIL FROM:<", StringComparison.Ordinal) && c.Contains(" SMTPUTF8", StringComparison.Ordinal));
        Assert.Contains(server.Commands, c => c.StartsWith("RCPT TO:<" + Jorgen + ">", StringComparison.Ordinal));
        // An international message is written with UTF-8 headers (RFC 6532), the name as it is.
        Assert.Contains("\r\nTo: Åse Ødegård <" + Jorgen + ">\r\n", server.Messages.Single(), StringComparison.Ordinal);
    }

    private (string Pdf, string Sha) Pdf()
    {
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        return TestPdfs.Create(Path.Combine(_store.Directory, "letters", "1.pdf"), 1);
    }

    private async Task<(ChannelCompletion Completion, List<(string LetterId, EmailAccepted Event)> Accepted)> Send(SmtpServerAddress server, EmailIdentity identity, params OutgoingLetter[] letters)
    {
        var settings = new SmtpSettings
        {
            Server = server,
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 1,
            Timeout = TimeSpan.FromSeconds(20),
        };
        ChannelCompletion completion;
        using (var writer = new LedgerWriter(_store.Db))
        await using (var channel = new SmtpChannel(settings, identity, new LedgerDeliveryLog(writer)))
        {
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, CancellationToken.None);
            }

            completion = await channel.CompleteAsync(CancellationToken.None);
        }

        var accepted = _store.Db.Ledger.Where(e => e.Kind == LedgerEventKind.EmailAccepted).AsEnumerable()
            .Select(e => (e.LetterId, (EmailAccepted)e.ReadEvent())).ToList();
        return (completion, accepted);
    }
}
