using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// A tiny SMTP server on a loopback port, in the test process, for the cases Postfix cannot be made to produce on cue:
/// it answers like a normal server, except that it closes the connection without a reply at the point
/// <see cref="CutAt"/> names, for the messages <see cref="ShouldCut"/> picks. It counts every message it received in
/// full (the final dot), so a test can see whether a client sent a message twice.
/// </summary>
public sealed class ScriptedSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _received = [];
    private int _mailCommands;

    public enum CutPoint
    {
        /// <summary>After the whole message and its final dot, before the 250: the server has the message.</summary>
        AfterData,
        /// <summary>At MAIL FROM: the server never saw the message.</summary>
        AtMailFrom,
    }

    public ScriptedSmtpServer(CutPoint cutAt, Func<int, bool> shouldCut)
    {
        CutAt = cutAt;
        ShouldCut = shouldCut;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public CutPoint CutAt { get; }

    /// <summary>Given the 1-based number of the MAIL FROM command across all connections: cut this one?</summary>
    public Func<int, bool> ShouldCut { get; }

    public string Url => "smtp://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Message-ID header of every message received in full, in order (a repeat means a duplicate).</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
                await Say("220 scripted.test ESMTP");
                var cutThis = false;
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await Say("250-scripted.test\r\n250-DSN\r\n250 8BITMIME");
                            break;
                        case "MAIL":
                            cutThis = ShouldCut(Interlocked.Increment(ref _mailCommands));
                            if (cutThis && CutAt == CutPoint.AtMailFrom)
                            {
                                return;
                            }

                            await Say("250 2.1.0 Ok");
                            break;
                        case "DATA":
                            await Say("354 End data with <CR><LF>.<CR><LF>");
                            var messageId = "";
                            while (await reader.ReadLineAsync() is { } body && body != ".")
                            {
                                if (messageId.Length == 0 && body.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                                {
                                    messageId = body["Message-ID:".Length..].Trim();
                                }
                            }

                            lock (_received)
                            {
                                _received.Add(messageId);
                            }

                            if (cutThis)
                            {
                                return; // the message is "queued", the 250 never leaves
                            }

                            await Say("250 2.0.0 Ok: queued as SCRIPTED");
                            break;
                        case "QUIT":
                            await Say("221 2.0.0 Bye");
                            return;
                        default:
                            await Say("250 2.0.0 Ok");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }
}
