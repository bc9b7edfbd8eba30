using System.Text;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>Regression tests from the hostile review of the own SMTP transport (issue 12).</summary>
public sealed class SmtpTransportReviewTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);

    private const string Simple = "From: a@example.com\r\nTo: p1@patients.test\r\nSubject: Hej\r\n\r\nBrev.\r\n";

    [Fact]
    public async Task A_PDF_that_vanishes_while_the_body_is_written_is_the_letters_failure_not_a_lost_connection()
    {
        using var server = new TranscriptSmtpServer();
        await using var client = SmtpTransportTests.Client(server);

        // The message's content fails the way a letter PDF does when it was deleted after the readiness check.
        var broken = SmtpTransportTests.Message("Subject: x\r\n\r\n");
        broken.Body = new MimeKit.MimePart("application", "pdf") { Content = new MimeKit.MimeContent(new VanishingStream()) };
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Envelope, broken, CancellationToken.None));

        // Not a SmtpTransportException (ConnectionLost would blame the server and give it up for the whole run).
        Assert.IsType<FileNotFoundException>(ex);
        Assert.False(client.IsConnected); // DATA cannot be abandoned but by dropping the connection

        var next = await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None);
        Assert.Equal(250, next.Code);
        Assert.Equal(Simple, server.Messages[^1]);
        Assert.DoesNotContain(server.Messages, m => m.Contains("Subject: x", StringComparison.Ordinal)); // never ended with a dot
    }

    [Fact]
    public async Task A_server_that_answers_250_before_the_data_is_not_trusted_and_later_letters_do_not_get_its_stale_replies()
    {
        var datas = 0;
        using var server = new TranscriptSmtpServer
        {
            // The first DATA is answered with 354 and, at once, a 250 for a message it has not seen yet.
            Respond = line => line == "DATA" && Interlocked.Increment(ref datas) == 1 ? "354 go ahead\r\n250 2.0.0 Ok: early" : null,
        };
        await using var client = SmtpTransportTests.Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None));
        Assert.Equal(SmtpStage.Data, ex.Stage);
        Assert.True(ex.ConnectionLost);
        Assert.False(ex.MessageMayBeQueued); // no byte of the message left: safe to retry

        var next = await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None);
        Assert.Equal("250 2.0.0 Ok: queued as 4FqT3x1ZzKq", next.OneLine);
        Assert.Equal([Simple], server.Messages.Where(m => m.Length > 0));
    }

    /// <summary>A one-connection raw server: greets with <paramref name="greeting"/> (written in the given pieces).</summary>
    private static (System.Net.Sockets.TcpListener Listener, Task Served) Raw(params string[] pieces)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var served = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            foreach (var piece in pieces)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(piece));
                await stream.FlushAsync();
                await Task.Delay(30);
            }

            await Task.Delay(3000);
        });
        return (listener, served);
    }

    private static SmtpTransport RawClient(System.Net.Sockets.TcpListener listener, int seconds = 2) => new(new SmtpTransportOptions
    {
        Host = "127.0.0.1",
        Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port,
        RequireStartTls = false,
        Timeout = TimeSpan.FromSeconds(seconds),
        ClientName = "client.test",
    });

    [Theory]
    [InlineData("a 100 KB line", true)]
    [InlineData("a continuation with another code", false)]
    [InlineData("no greeting at all", false)]
    public async Task A_hostile_greeting_ends_the_session_as_the_servers_problem_within_the_timeout(string what, bool huge)
    {
        var pieces = what switch
        {
            "a 100 KB line" => new[] { "220 " + new string('x', 100 * 1024) + "\r\n" },
            "a continuation with another code" => ["220-hello\r\n", "250 other\r\n"],
            _ => [],
        };
        var (listener, _) = Raw(pieces);
        try
        {
            await using var client = RawClient(listener, seconds: 1);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => Task.Run(() => client.Connect(CancellationToken.None)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), what);
            Assert.True(ex.ConnectionLost, what);
            Assert.Equal(SmtpStage.Greeting, ex.Stage);
            Assert.True(Notices.Delivery.Smtp.SmtpFailure.Classify(ex).ConcernsServer, what);
            if (huge)
            {
                Assert.Contains("8 KB", ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_reply_split_across_packets_mid_code_and_mid_line_is_read_whole()
    {
        var (listener, _) = Raw("2", "20-first\r", "\n220 sec", "ond\r\n", "250-x\r\n250-PIPE", "LINING\r\n250 SIZE 1000\r\n");
        try
        {
            await using var client = RawClient(listener);
            await Task.Run(() => client.Connect(CancellationToken.None));
            Assert.True(client.Capabilities.HasFlag(MailKit.Net.Smtp.SmtpCapabilities.Pipelining));

            // SIZE 1000 and a bigger message: refused before MAIL FROM, for good, as the letter's problem.
            var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple + new string('x', 1001) + "\r\n"), CancellationToken.None));
            var failure = Notices.Delivery.Smtp.SmtpFailure.Classify(ex);
            Assert.Equal(Notices.Delivery.Smtp.SmtpFailureKind.Permanent, failure.Kind);
            Assert.False(failure.ConcernsServer);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task MAIL_FROM_refused_552_with_pipelining_fails_the_letter_for_good_and_the_session_carries_on()
    {
        var mails = 0;
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line.StartsWith("MAIL", StringComparison.Ordinal) && Interlocked.Increment(ref mails) == 1 ? "552 5.3.4 Message size exceeds fixed limit"
                : line.StartsWith("RCPT", StringComparison.Ordinal) && mails == 1 ? "503 5.5.1 Error: need MAIL command"
                : line == "DATA" && mails == 1 ? "503 5.5.1 Error: need RCPT command" : null,
        };
        await using var client = SmtpTransportTests.Client(server);
        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None));
        Assert.Equal(SmtpStage.MailFrom, ex.Stage);
        Assert.Equal("552 5.3.4", ex.Reply!.Status);
        Assert.Equal(Notices.Delivery.Smtp.SmtpFailureKind.Permanent, Notices.Delivery.Smtp.SmtpFailure.Classify(ex).Kind);
        Assert.Equal(250, (await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None)).Code);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_421_after_RCPT_closes_the_session_concerns_the_server_and_the_next_send_reconnects()
    {
        var rcpts = 0;
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250 8BITMIME")
        {
            Respond = line => line.StartsWith("RCPT", StringComparison.Ordinal) && Interlocked.Increment(ref rcpts) == 1 ? "421 4.3.2 Shutting down" : null,
        };
        await using var client = SmtpTransportTests.Client(server);
        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None));
        Assert.Equal(Notices.Delivery.Smtp.SmtpFailureKind.ServerUnavailable, Notices.Delivery.Smtp.SmtpFailure.Classify(ex).Kind);
        Assert.False(client.IsConnected);
        // MailKit still says RSET to the closing server (and ignores the outcome); the session is not reused.
        Assert.Equal(250, (await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None)).Code);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task What_SMTP_delivers_is_byte_for_byte_what_the_writer_makes_for_the_eml_dots_and_dkim_included()
    {
        using var dir = new TempDirectory();
        var pdf = dir.File("l.pdf");
        File.WriteAllBytes(pdf, Enumerable.Range(0, 5000).Select(i => (byte)(i * 13)).ToArray());
        var content = Notices.Tests.Delivery.Mime.MimeTestContent.For(pdf, dkim: Notices.Tests.Delivery.Mime.DkimTestKeys.Signer()) with
        {
            TextBody = ".\n..\r\n.\r\nslut\n.",
            HtmlBody = "<p>\r\n.\r\n</p>",
        };
        var expected = Encoding.ASCII.GetString(await Notices.Tests.Delivery.Mime.MimeTestContent.Bytes(content));

        using var server = new TranscriptSmtpServer();
        await using (var client = SmtpTransportTests.Client(server))
        {
            using var email = Notices.Delivery.Mime.LetterEmail.Create(content);
            await Task.Run(() => client.Send(Envelope, email, null, CancellationToken.None));
        }

        Assert.Equal(expected, server.Messages.Single());
    }

    [Fact]
    public async Task Control_characters_in_a_server_reply_never_reach_the_reply_text_that_goes_to_the_ledger()
    {
        // A hostile server could put terminal escapes (ESC [2J, BEL, NUL) into the text 'status' later prints.
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line == "." ? "250-2.0.0 Ok\u001b[2J\u0007\r\n250 queued as 4Fq\u0000X\u009b31m" : null,
        };
        await using var client = SmtpTransportTests.Client(server);

        var reply = await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None);

        Assert.Equal(250, reply.Code);
        Assert.DoesNotContain(reply.OneLine, char.IsControl);
        Assert.All(reply.Lines, l => Assert.DoesNotContain(l, char.IsControl));
        Assert.Contains("queued as 4Fq", reply.OneLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999 2.0.0 what")]
    [InlineData("600 done")]
    public async Task A_reply_code_outside_2xx_to_5xx_after_the_final_dot_is_not_a_permanent_refusal(string reply)
    {
        // The server had the whole message; an unknown code says nothing about it. Failing the letter for good would
        // send it by post too while the email may well be queued.
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? reply : null };
        await using var client = SmtpTransportTests.Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None));

        Assert.Equal(SmtpStage.EndOfData, ex.Stage);
        Assert.True(ex.MessageMayBeQueued);
        Assert.Equal(Notices.Delivery.Smtp.SmtpFailureKind.Cut, Notices.Delivery.Smtp.SmtpFailure.Classify(ex).Kind);
    }

    /// <summary>Content whose file was deleted: every read fails as a vanished PDF does.</summary>
    private sealed class VanishingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new FileNotFoundException("gone", "/tmp/letter.pdf");

        public override int Read(Span<byte> buffer) => throw new FileNotFoundException("gone", "/tmp/letter.pdf");
    }
}
