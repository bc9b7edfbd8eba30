using System.Net;
using System.Net.Sockets;
using System.Text;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// Review: ServerReplyGuard is to catch "bytes after the 354 that invites the message and before the message was sent",
/// but it sees server bytes only when MailKit reads, and MailKit does not read while it writes the message. It catches
/// an early reply only when it came in the same read as the 354 (the existing review test). A server that sends its 354,
/// and its premature "250" a moment later while the client is still writing, is believed: the 250 is taken as the reply
/// to the final dot (EmailAccepted), and the server's real reply to the message is left unread and answers the next
/// letter's MAIL FROM (here: a permanent failure for a letter the server never saw, which then goes by post).
/// </summary>
public sealed class EarlyReplyReviewTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);

    [Fact]
    public async Task A_250_that_arrives_after_the_354_but_while_the_message_is_still_being_written_is_not_believed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(() => Serve(listener));
        await using var client = new SmtpTransport(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            RequireStartTls = false,
            Timeout = TimeSpan.FromSeconds(10),
            ClientName = "client.test",
        });
        var message = SmtpTransportTests.Message("Subject: stor\r\n\r\nx\r\n");
        message.Body = new MimeKit.MimePart("application", "pdf")
        {
            Content = new MimeKit.MimeContent(new MemoryStream(new byte[24 * 1024 * 1024])),
            ContentTransferEncoding = MimeKit.ContentEncoding.Base64,
        };

        var first = await Record.ExceptionAsync(() => client.SendAsync(Envelope, message, CancellationToken.None));
        string second;
        try
        {
            second = (await client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: lille\r\n\r\nBrev.\r\n"), CancellationToken.None)).OneLine;
        }
        catch (SmtpTransportException ex)
        {
            second = $"{ex.Stage} {ex.Reply?.OneLine ?? ex.Message} -> {SmtpFailure.Classify(ex).Kind}";
        }

        listener.Stop();
        Assert.True(first is not null,
            "the first letter was taken as accepted on the premature 250; the next letter then got: " + second);
    }

    private static async Task Serve(TcpListener listener)
    {
        try
        {
            using var tcp = await listener.AcceptTcpClientAsync();
            var stream = tcp.GetStream();
            var input = new List<byte>();
            var buffer = new byte[65536];

            async Task Say(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"));

            async Task<string?> Line()
            {
                while (true)
                {
                    for (var i = 0; i + 1 < input.Count; i++)
                    {
                        if (input[i] == '\r' && input[i + 1] == '\n')
                        {
                            var line = Encoding.ASCII.GetString(input.GetRange(0, i).ToArray());
                            input.RemoveRange(0, i + 2);
                            return line;
                        }
                    }

                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return null;
                    }

                    input.AddRange(buffer.AsSpan(0, read).ToArray());
                }
            }

            async Task SkipBody()
            {
                // Until CRLF.CRLF; bytes after it stay in input.
                var tail = new Queue<byte>(input);
                input.Clear();
                var window = 0u;
                while (true)
                {
                    while (tail.Count > 0)
                    {
                        var b = tail.Dequeue();
                        window = (window << 8) | b;
                        if (window == 0x0A2E0D0A)
                        {
                            // "\n.\r\n": the final dot
                            input.AddRange(tail);
                            return;
                        }
                    }

                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    foreach (var b in buffer.AsSpan(0, read).ToArray())
                    {
                        tail.Enqueue(b);
                    }
                }
            }

            await Say("220 early.test ESMTP");
            var datas = 0;
            while (await Line() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Say("250-early.test\r\n250 8BITMIME");
                        break;
                    case "DATA":
                        await Say("354 go ahead");
                        if (++datas == 1)
                        {
                            // Not reading: the client is blocked writing its 32 MB. Then the premature reply.
                            await Task.Delay(500);
                            await Say("250 2.0.0 Ok: early");
                            await SkipBody();
                            await Say("554 5.7.1 rejected after all");
                        }
                        else
                        {
                            await SkipBody();
                            await Say("250 2.0.0 Ok: queued as SECOND");
                        }

                        break;
                    case "QUIT":
                        await Say("221 bye");
                        return;
                    default:
                        await Say("250 2.1.0 Ok");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
