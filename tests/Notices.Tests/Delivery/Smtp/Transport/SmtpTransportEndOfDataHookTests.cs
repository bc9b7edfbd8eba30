using System.Text;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// The hook the channel uses to commit the next letter's intent while the server answers a final dot: it must run
/// only after the whole message and its dot were written, once per attempt, and never for a message that did not go.
/// </summary>
public sealed class SmtpTransportEndOfDataHookTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);
    private const string Simple = "From: a@example.com\r\nTo: p1@patients.test\r\nSubject: Hej\r\n\r\nBrev.\r\n";

    [Fact]
    public async Task The_hook_runs_once_after_the_body_was_written_and_before_the_reply_is_returned()
    {
        using var server = new TranscriptSmtpServer();
        var bodyWritten = false;
        var calls = 0;
        var bodyWrittenAtHook = false;
        await using (var client = SmtpTransportTests.Client(server))
        {
            var message = SmtpTransportTests.Message(Simple);
            var body = (MimeKit.TextPart)message.Body;
            body.Content = new MimeKit.MimeContent(new WatchedStream(body.Content.Open(), () => bodyWritten = true));
            var reply = await client.SendAsync(
                Envelope,
                message,
                () =>
                {
                    calls++;
                    bodyWrittenAtHook = bodyWritten;
                },
                CancellationToken.None);
            Assert.Equal(250, reply.Code);
        }

        Assert.Equal(1, calls);
        Assert.True(bodyWrittenAtHook);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task The_hook_does_not_run_when_the_recipient_is_refused_and_no_message_is_sent()
    {
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line.StartsWith("RCPT", StringComparison.Ordinal) ? "550 5.1.1 No such mailbox" : null,
        };
        var calls = 0;
        await using (var client = SmtpTransportTests.Client(server))
        {
            await Assert.ThrowsAsync<SmtpTransportException>(() =>
                client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), () => calls++, CancellationToken.None));
        }

        Assert.Equal(0, calls);
    }

    /// <summary>Says when the last byte of the content has been read (MailKit reads it to write the message).</summary>
    private sealed class WatchedStream(Stream inner, Action atEnd) : MemoryStream
    {
        private readonly byte[] _data = ReadAll(inner);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _data.Length - Position);
            Array.Copy(_data, Position, buffer, offset, n);
            Position += n;
            if (n == 0)
            {
                atEnd();
            }

            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var array = new byte[buffer.Length];
            var n = Read(array, 0, array.Length);
            array.AsSpan(0, n).CopyTo(buffer);
            return n;
        }

        public override long Length => _data.Length;

        private static byte[] ReadAll(Stream stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
