using System.Net;
using System.Net.Sockets;
using System.Text;
using Notices.Delivery.Smtp.Transport;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// Review: ServerReplyGuard promises that a hostile or broken server cannot "make the client buffer without end", but
/// it only bounds the length of one line. A reply of endless short continuation lines ("220-x") is collected whole by
/// MailKit (SmtpStream.ReadResponse), and since every read returns data the per-read timeout never fires: the client
/// absorbs everything the server sends. Here the server stops at 32 MB and then goes quiet; the client fails only then.
/// </summary>
public sealed class ReplyFloodReviewTests
{
    private const long Cap = 32L * 1024 * 1024;

    [Fact]
    public async Task A_reply_of_endless_continuation_lines_is_refused_long_before_megabytes_are_buffered()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        long sent = 0;
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(stop.Token);
            var line = Encoding.ASCII.GetBytes("220-" + new string('x', 60) + "\r\n");
            var block = Enumerable.Repeat(line, 1024).SelectMany(b => b).ToArray();
            try
            {
                while (Interlocked.Read(ref sent) < Cap)
                {
                    await socket.SendAsync(block, SocketFlags.None, stop.Token);
                    Interlocked.Add(ref sent, block.Length);
                }

                await Task.Delay(Timeout.Infinite, stop.Token); // then silence, connection kept open
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        });

        await using var client = new SmtpTransport(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = port,
            RequireStartTls = false,
            Timeout = TimeSpan.FromSeconds(2),
            ClientName = "client.test",
        });

        long sentWhenRefused = -1;
        var ex = await Record.ExceptionAsync(() => Task.Run(() =>
        {
            try
            {
                client.Connect(CancellationToken.None);
            }
            finally
            {
                sentWhenRefused = Interlocked.Read(ref sent);
            }
        }));
        await stop.CancelAsync();

        // What the server managed to send says little (loopback's socket buffers take megabytes the client never
        // reads); what counts is that the client refused the reply for its size, not by running into the timeout.
        var refused = Assert.IsType<SmtpTransportException>(ex);
        Assert.Contains("reply over 64 KB", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.ConnectionLost);
        Assert.True(sentWhenRefused > 0);
    }
}
