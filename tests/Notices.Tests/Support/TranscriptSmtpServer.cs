using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// An in-process SMTP server for transcript tests (MailKit's style): it answers like a plain server unless
/// <see cref="Respond"/> scripts another reply for a command, and records exactly what the client sent: every line
/// (<see cref="Transcript"/>, "C: …" and "S: …") and every network read (<see cref="Reads"/>), so a test can see which
/// commands came in one write. A reply of <see cref="Drop"/> closes the connection instead of answering.
/// </summary>
public sealed class TranscriptSmtpServer : IDisposable
{
    public const string Drop = "<drop>";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _transcript = [];
    private readonly List<string> _reads = [];
    private readonly List<string> _messages = [];
    private int _connections;

    public TranscriptSmtpServer(string ehlo = "250-scripted.test\r\n250-PIPELINING\r\n250-SIZE 10000000\r\n250-8BITMIME\r\n250-DSN\r\n250 ENHANCEDSTATUSCODES")
    {
        Ehlo = ehlo;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public string Greeting { get; init; } = "220 scripted.test ESMTP";

    public string Ehlo { get; }

    /// <summary>Answer STARTTLS with this certificate (offer STARTTLS in <see cref="Ehlo"/> too).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Given a command line (".": the end of data): the reply, or null for the default.</summary>
    public Func<string, string?> Respond { get; init; } = _ => null;

    /// <summary>
    /// Awaited before the server answers a command line ("&lt;greeting&gt;": before the greeting; ".": the end of data),
    /// so a test can hold a reply until it is ready instead of racing a sleep.
    /// </summary>
    public Func<string, Task> BeforeReply { get; init; } = _ => Task.CompletedTask;

    /// <summary>Close the connection after this many bytes of a message body (mid-DATA).</summary>
    public int? DropInBodyAfter { get; init; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<string> Transcript { get { lock (_transcript) { return [.. _transcript]; } } }

    public IReadOnlyList<string> Reads { get { lock (_transcript) { return [.. _reads]; } } }

    /// <summary>Each message as received, dot-stuffing undone, final dot excluded.</summary>
    public IReadOnlyList<string> Messages { get { lock (_transcript) { return [.. _messages]; } } }

    public IEnumerable<string> Commands => Transcript.Where(l => l.StartsWith("C: ", StringComparison.Ordinal)).Select(l => l[3..]);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private void Log(string line)
    {
        lock (_transcript)
        {
            _transcript.Add(line);
        }
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

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                var pending = new StringBuilder();
                async Task<string?> Line()
                {
                    while (true)
                    {
                        var text = pending.ToString();
                        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
                        if (end >= 0)
                        {
                            pending.Remove(0, end + 2);
                            return text[..end];
                        }

                        var buffer = new byte[65536];
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0)
                        {
                            return null;
                        }

                        var chunk = Encoding.UTF8.GetString(buffer, 0, read);
                        lock (_transcript)
                        {
                            _reads.Add(chunk);
                        }

                        pending.Append(chunk);
                    }
                }

                async Task<bool> Say(string reply)
                {
                    if (reply == Drop)
                    {
                        Log("S: <drop>");
                        return false;
                    }

                    foreach (var l in reply.Split("\r\n"))
                    {
                        Log("S: " + l);
                    }

                    await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"));
                    return true;
                }

                await BeforeReply("<greeting>");
                var greeting = Respond("<greeting>") ?? Greeting;
                if (!await Say(greeting) || !greeting.StartsWith('2'))
                {
                    return;
                }

                var loginStep = 0;
                while (await Line() is { } line)
                {
                    Log("C: " + line);
                    await BeforeReply(line);
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    var scripted = Respond(line);
                    if (loginStep > 0)
                    {
                        loginStep = loginStep == 2 ? 0 : 2;
                        if (!await Say(scripted ?? (loginStep == 2 ? "334 UGFzc3dvcmQ6" : "235 2.7.0 Authentication successful")))
                        {
                            return;
                        }

                        continue;
                    }

                    var reply = scripted ?? verb switch
                    {
                        "EHLO" => Ehlo,
                        "HELO" => "250 scripted.test",
                        "MAIL" or "RCPT" or "RSET" => "250 2.1.0 Ok",
                        "DATA" => "354 End data with <CR><LF>.<CR><LF>",
                        "STARTTLS" => "220 2.0.0 Ready to start TLS",
                        "AUTH" => line.StartsWith("AUTH LOGIN", StringComparison.OrdinalIgnoreCase) ? "334 VXNlcm5hbWU6" : "235 2.7.0 Authentication successful",
                        "QUIT" => "221 2.0.0 Bye",
                        _ => "502 5.5.2 Error: command not recognized",
                    };
                    if (!await Say(reply))
                    {
                        return;
                    }

                    if (verb == "AUTH" && reply.StartsWith("334", StringComparison.Ordinal))
                    {
                        loginStep = 1;
                    }
                    else if (verb == "QUIT")
                    {
                        return;
                    }
                    else if (verb == "STARTTLS" && reply.StartsWith("220", StringComparison.Ordinal) && Certificate is not null)
                    {
                        var ssl = new SslStream(stream);
                        await ssl.AuthenticateAsServerAsync(Certificate);
                        stream = ssl;
                    }
                    else if (verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal))
                    {
                        var body = new StringBuilder();
                        while (await Line() is { } data && data != ".")
                        {
                            body.Append(data.StartsWith('.') ? data[1..] : data).Append("\r\n");
                            if (DropInBodyAfter is { } limit && body.Length >= limit)
                            {
                                Log("S: <drop mid-data>");
                                return;
                            }
                        }

                        lock (_transcript)
                        {
                            _messages.Add(body.ToString());
                        }

                        Log("C: .");
                        await BeforeReply(".");
                        if (!await Say(Respond(".") ?? "250 2.0.0 Ok: queued as 4FqT3x1ZzKq"))
                        {
                            return;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client went away or refused our certificate.
            }
        }
    }
}
