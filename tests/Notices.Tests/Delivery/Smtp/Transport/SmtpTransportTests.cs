using System.Text;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>Transcript tests of <see cref="SmtpTransport"/> against a scripted in-process server; no network.</summary>
public sealed class SmtpTransportTests
{
    private const string NoPipelining = "250-scripted.test\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES";
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"])
    {
        EnvelopeId = "FA830-DK-000001",
        RequestDsn = true,
    };

    internal static SmtpTransport Client(TranscriptSmtpServer server, Action<SmtpTransportOptions>? _ = null) => new(new SmtpTransportOptions
    {
        Host = "127.0.0.1",
        Port = server.Port,
        RequireStartTls = false,
        Timeout = TimeSpan.FromSeconds(5),
        ClientName = "client.test",
    });

    internal static MimeKit.MimeMessage Message(string text) => TransportSending.Message(text);

    private const string Simple = "From: a@example.com\r\nTo: p1@patients.test\r\nSubject: Hej\r\n\r\nBrev.\r\n";

    [Theory]
    [InlineData("554 5.7.1 No SMTP service here", SmtpFailureKind.ServerRefused)]
    [InlineData("421 4.3.2 Service shutting down", SmtpFailureKind.ServerUnavailable)]
    public async Task A_greeting_error_concerns_the_server(string greeting, SmtpFailureKind kind)
    {
        using var server = new TranscriptSmtpServer { Greeting = greeting };
        await using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple), CancellationToken.None));

        Assert.Equal(SmtpStage.Greeting, ex.Stage);
        Assert.Equal(int.Parse(greeting[..3], System.Globalization.CultureInfo.InvariantCulture), ex.Reply!.Code);
        var failure = SmtpFailure.Classify(ex);
        Assert.Equal(kind, failure.Kind);
        Assert.True(failure.ConcernsServer);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_PIPELINING_each_command_waits_for_its_reply_and_no_SIZE_or_DSN_parameters_are_sent()
    {
        using var server = new TranscriptSmtpServer(NoPipelining);
        await using (var client = Client(server))
        {
            await client.SendAsync(Envelope, Message(Simple), CancellationToken.None);
        }

        Assert.Contains("MAIL FROM:<bounces+x@bounces.example.com>\r\n", server.Reads);
        Assert.Contains("RCPT TO:<p1@patients.test>\r\n", server.Reads);
        Assert.Contains("DATA\r\n", server.Reads);
        Assert.Equal(["EHLO client.test", "MAIL FROM:<bounces+x@bounces.example.com>", "RCPT TO:<p1@patients.test>", "DATA", ".", "QUIT"], server.Commands);
    }

    [Fact]
    public async Task With_PIPELINING_MAIL_and_RCPT_go_in_one_write_with_SIZE_and_DSN_and_the_body_ends_with_its_dot()
    {
        using var server = new TranscriptSmtpServer();
        await using (var client = Client(server))
        {
            var reply = await client.SendAsync(Envelope with { EnvelopeId = "FA830+DK=1 ø" }, Message(Simple), CancellationToken.None);
            Assert.Equal("250 2.0.0 Ok: queued as 4FqT3x1ZzKq", reply.OneLine);
            Assert.Equal("2.0.0", reply.EnhancedStatus);
        }

        // MailKit pipelines MAIL and RCPT, then waits for their replies before DATA.
        var size = Simple.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pipelined = server.Reads.Single(r => r.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.StartsWith($"MAIL FROM:<bounces+x@bounces.example.com> SIZE={size} ", pipelined, StringComparison.Ordinal);
        Assert.Contains(" ENVID=FA830+2BDK+3D1+20+C3+B8", pipelined, StringComparison.Ordinal);
        Assert.Contains(" RET=HDRS", pipelined, StringComparison.Ordinal);
        Assert.Contains("\r\nRCPT TO:<p1@patients.test> NOTIFY=SUCCESS,FAILURE", pipelined, StringComparison.Ordinal);
        Assert.StartsWith(Simple + ".\r\n", string.Concat(server.Reads.SkipWhile(r => r != "DATA\r\n").Skip(1)), StringComparison.Ordinal);
        Assert.Equal("QUIT", server.Commands.Last());
    }

    [Theory]
    [InlineData("MAIL", "451 4.3.0 Try again", SmtpStage.MailFrom, SmtpFailureKind.Temporary)]
    [InlineData("MAIL", "553 5.1.8 Sender rejected", SmtpStage.MailFrom, SmtpFailureKind.Permanent)]
    [InlineData("RCPT", "450 4.2.0 <p1@patients.test>: Greylisted", SmtpStage.RcptTo, SmtpFailureKind.Temporary)]
    [InlineData("RCPT", "550 5.1.1 <p1@patients.test>: User unknown", SmtpStage.RcptTo, SmtpFailureKind.Permanent)]
    [InlineData("DATA", "451 4.3.0 Not now", SmtpStage.Data, SmtpFailureKind.Temporary)]
    [InlineData("DATA", "554 5.5.1 No valid recipients", SmtpStage.Data, SmtpFailureKind.Permanent)]
    [InlineData(".", "452 4.3.1 Insufficient system storage", SmtpStage.EndOfData, SmtpFailureKind.Temporary)]
    [InlineData(".", "554 5.7.1 Message rejected as spam", SmtpStage.EndOfData, SmtpFailureKind.Permanent)]
    public async Task An_error_reply_in_a_transaction_is_followed_by_RSET_and_the_connection_carries_the_next_message(
        string command, string reply, SmtpStage stage, SmtpFailureKind kind)
    {
        foreach (var ehlo in new[] { NoPipelining, "250-scripted.test\r\n250 PIPELINING" })
        {
            var failed = 0;
            using var server = new TranscriptSmtpServer(ehlo)
            {
                Respond = line => line.StartsWith(command, StringComparison.Ordinal) && Interlocked.Increment(ref failed) == 1 ? reply : null,
            };
            await using (var client = Client(server))
            {
                var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple), CancellationToken.None));
                Assert.Equal(stage, ex.Stage);
                Assert.Equal(reply, ex.Reply!.OneLine);
                var failure = SmtpFailure.Classify(ex);
                Assert.Equal(kind, failure.Kind);
                Assert.False(failure.ConcernsServer);
                Assert.DoesNotContain("p1@", failure.Reason, StringComparison.Ordinal);

                var next = await client.SendAsync(Envelope, Message(Simple), CancellationToken.None);
                Assert.Equal(250, next.Code);
            }

            var commands = server.Commands.ToList();
            Assert.Equal(1, server.Connections);
            Assert.Contains("RSET", commands);
            Assert.True(commands.IndexOf("RSET") < commands.LastIndexOf(commands.First(c => c.StartsWith("MAIL", StringComparison.Ordinal))));
            // The first message's body went out only when the refusal came after it.
            Assert.Equal(stage == SmtpStage.EndOfData ? 2 : 1, server.Messages.Count(m => m == Simple));
            Assert.Equal("QUIT", commands[^1]);
        }
    }

    [Fact]
    public async Task A_multi_line_reply_keeps_every_line()
    {
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line.StartsWith("RCPT", StringComparison.Ordinal)
                ? "550-5.1.1 The mailbox does not exist.\r\n550-5.1.1 Please check the address\r\n550 5.1.1 and try again."
                : line == "." ? "250-2.0.0 Ok\r\n250 2.0.0 queued as ABC123" : null,
        };
        await using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple), CancellationToken.None));
        Assert.Equal(3, ex.Reply!.Lines.Count);
        Assert.Equal("5.1.1", ex.Reply.EnhancedStatus);
        Assert.Equal("550 5.1.1", SmtpFailure.Classify(ex).Status);
        Assert.Contains("and try again.", SmtpFailure.Classify(ex).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_line_final_reply_is_returned_whole()
    {
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? "250-2.0.0 Ok\r\n250 2.0.0 queued as ABC123" : null };
        await using var client = Client(server);

        var reply = await client.SendAsync(Envelope, Message(Simple), CancellationToken.None);

        Assert.Equal(["2.0.0 Ok", "2.0.0 queued as ABC123"], reply.Lines);
        Assert.Equal("250 2.0.0 Ok 2.0.0 queued as ABC123", reply.OneLine);
    }

    [Fact]
    public async Task A_connection_dropped_mid_DATA_is_cut_the_message_may_be_queued()
    {
        using var server = new TranscriptSmtpServer { DropInBodyAfter = 20 };
        await using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple), CancellationToken.None));

        Assert.True(ex.ConnectionLost);
        Assert.Equal(SmtpFailureKind.Cut, SmtpFailure.Classify(ex).Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_connection_dropped_before_the_body_is_retryable_on_a_new_connection()
    {
        var drops = 0;
        using var server = new TranscriptSmtpServer(NoPipelining)
        {
            Respond = line => line.StartsWith("MAIL", StringComparison.Ordinal) && Interlocked.Increment(ref drops) == 1 ? TranscriptSmtpServer.Drop : null,
        };
        await using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple), CancellationToken.None));
        var failure = SmtpFailure.Classify(ex);
        Assert.Equal(SmtpStage.MailFrom, ex.Stage);
        Assert.NotEqual(SmtpFailureKind.Cut, failure.Kind);
        Assert.True(failure.IsTemporary);

        Assert.Equal(250, (await client.SendAsync(Envelope, Message(Simple), CancellationToken.None)).Code);
        Assert.Equal(2, server.Connections);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task A_line_starting_with_a_dot_is_dot_stuffed_and_arrives_unchanged()
    {
        const string text = "Subject: x\r\n\r\n.hidden\r\n..two\r\nlast line without CRLF.";
        using var server = new TranscriptSmtpServer();
        await using (var client = Client(server))
        {
            await client.SendAsync(Envelope, Message(text), CancellationToken.None);
        }

        var wire = string.Concat(server.Reads);
        Assert.Contains("\r\n\r\n..hidden\r\n...two\r\nlast line without CRLF.\r\n.\r\n", wire, StringComparison.Ordinal);
        Assert.Equal(text + "\r\n", Assert.Single(server.Messages));
    }

    [Fact]
    public async Task A_very_long_folded_header_passes_unchanged()
    {
        var folded = "Subject: " + string.Join("\r\n ", Enumerable.Range(0, 60).Select(i => "=?UTF-8?B?" + new string('Q', 60) + "?="));
        var oneLine = "X-Long: " + new string('a', 5000);
        var text = "From: a@example.com\r\n" + folded + "\r\n" + oneLine + "\r\n\r\nBody\r\n";
        using var server = new TranscriptSmtpServer();
        await using (var client = Client(server))
        {
            await client.SendAsync(Envelope, Message(text), CancellationToken.None);
        }

        Assert.Equal(text, Assert.Single(server.Messages));
    }

    [Fact]
    public async Task A_message_over_the_servers_SIZE_limit_is_refused_before_MAIL_FROM_as_permanent()
    {
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250-PIPELINING\r\n250 SIZE 1000");
        await using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, Message(Simple + new string('x', 1000) + "\r\n"), CancellationToken.None));

        Assert.Equal(SmtpFailureKind.Permanent, SmtpFailure.Classify(ex).Kind);
        Assert.Contains("1000", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Equal(250, (await client.SendAsync(Envelope, Message(Simple), CancellationToken.None)).Code);
        Assert.Contains(server.Commands, c => c.Contains(" SIZE=" + Simple.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ENVID_over_100_characters_is_left_out_but_the_rest_of_DSN_stays()
    {
        using var server = new TranscriptSmtpServer();
        await using (var client = Client(server))
        {
            await client.SendAsync(Envelope with { EnvelopeId = new string('x', 101) }, Message(Simple), CancellationToken.None);
        }

        var mail = server.Commands.Single(c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.DoesNotContain("ENVID", mail, StringComparison.Ordinal);
        Assert.Contains("RET=HDRS", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EHLO_refused_with_502_falls_back_to_HELO_and_uses_no_extension()
    {
        using var server = new TranscriptSmtpServer { Respond = line => line.StartsWith("EHLO", StringComparison.Ordinal) ? "502 5.5.2 Error: command not recognized" : null };
        await using (var client = Client(server))
        {
            await client.SendAsync(Envelope, Message(Simple), CancellationToken.None);
        }

        Assert.Equal(["EHLO client.test", "HELO client.test", "MAIL FROM:<bounces+x@bounces.example.com>", "RCPT TO:<p1@patients.test>", "DATA", ".", "QUIT"], server.Commands);
    }

    [Fact]
    public async Task An_address_with_a_line_break_or_bracket_never_reaches_the_wire()
    {
        using var server = new TranscriptSmtpServer();
        await using var client = Client(server);

        await Assert.ThrowsAsync<FormatException>(() => client.SendAsync(Envelope with { Recipients = ["p1@patients.test>\r\nRCPT TO:<evil@x.test"] }, Message(Simple), CancellationToken.None));

        Assert.DoesNotContain(server.Commands, c => c.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_messages_share_one_connection_and_QUIT_ends_it()
    {
        using var server = new TranscriptSmtpServer();
        await using (var client = Client(server))
        {
            for (var i = 0; i < 5; i++)
            {
                await client.SendAsync(Envelope, Message(Simple), CancellationToken.None);
            }
        }

        Assert.Equal(1, server.Connections);
        Assert.Equal(5, server.Messages.Count);
        Assert.Equal("QUIT", server.Commands.Last());
    }
}
