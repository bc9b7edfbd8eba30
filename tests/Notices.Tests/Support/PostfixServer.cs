using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// The private Postfix instance on 127.0.0.1:2525 (plain), :2526 and :2527 (STARTTLS) that
/// scripts/postfix-test-setup.sh installs under <see cref="InstanceRoot"/> (its own main.cf, queue, Maildirs and test CA;
/// the machine's own Postfix is never touched), the Maildirs it delivers into, and its log (<see cref="PostfixLog"/>). Tests that use it belong to the "postfix" collection (<see cref="PostfixCollection"/>)
/// so they never overlap.
/// </summary>
/// <remarks>
/// Stopping: both <c>postfix stop</c> and <c>postfix abort</c> send SIGTERM to the master, which takes its children
/// (smtpd included) down at once. Measured on Postfix 3.7.11: an open session, whether idle after MAIL FROM or half-way
/// through DATA, is cut in both cases (the client sees the connection closed; the half-sent message is not delivered)
/// and new connections are refused. <c>stop</c> additionally waits for the master to be gone (and kills it with -9
/// after 5 s), so <see cref="Stop"/> uses <c>stop</c>: when it returns, in-flight senders have already failed.
/// </remarks>
public static class PostfixServer
{
    public const string Host = "127.0.0.1";
    public const int Port = 2525;
    public const string SmtpUrl = "smtp://127.0.0.1:2525";

    /// <summary>STARTTLS offered (2525 offers none), with a certificate for 127.0.0.1 and localhost issued by <see cref="TestCaFile"/>.</summary>
    public const int TlsPort = 2526;
    public const string TlsSmtpUrl = "smtp://127.0.0.1:2526";

    /// <summary>STARTTLS offered with Debian's self-signed snakeoil certificate (<see cref="SelfSignedCertificateFile"/>;
    /// its name is the machine's hostname or localhost, never 127.0.0.1): no validating client accepts it.</summary>
    public const int SelfSignedTlsPort = 2527;
    public const string SelfSignedTlsSmtpUrl = "smtp://127.0.0.1:2527";

    /// <summary>Everything of the private instance: etc/ (main.cf), queue/, data/, mail/, tls/ (the test CA).</summary>
    public const string InstanceRoot = "/var/lib/notices-test-postfix";

    /// <summary>The private test CA (PEM) that issued port 2526's certificate; trusted nowhere else: the file for <c>--smtp-ca</c>.</summary>
    public const string TestCaFile = InstanceRoot + "/tls/ca.pem";

    /// <summary>Port 2527's certificate, self-signed.</summary>
    public const string SelfSignedCertificateFile = "/etc/ssl/certs/ssl-cert-snakeoil.pem";

    /// <summary>The instance's log (maillog_file): queue ids, deliveries, TLS handshakes. Read it with <see cref="PostfixLog"/>.</summary>
    public const string LogPath = PostfixLog.Path;

    /// <summary>The instance's config directory, given to every postfix command as <c>-c</c>.</summary>
    public const string ConfigDirectory = InstanceRoot + "/etc";

    public const string MaildirRoot = InstanceRoot + "/mail";

    /// <summary>Answered <c>451 4.7.1</c> at RCPT, every time (System.Net.Mail throws a plain SmtpException).</summary>
    public const string Greylisted451 = "greylist@patients.test";

    /// <summary>Answered <c>450 4.2.0</c> at RCPT, every time (System.Net.Mail throws SmtpFailedRecipientException).</summary>
    public const string Greylisted450 = "greylist450@patients.test";

    /// <summary>Catch-all for every address at patients.test.</summary>
    public static string PatientsMaildir => Path.Combine(MaildirRoot, "patients.test");

    /// <summary>Catch-all for bounces.example.com: the VERP envelope senders' delivery reports and bounces.</summary>
    public static string BouncesMaildir => Path.Combine(MaildirRoot, "bounces.example.com");

    /// <summary>Catch-all for replies.example.com: patients' replies to the per-letter Reply-To svar+&lt;letter-id&gt;.&lt;tag&gt;@.</summary>
    public static string RepliesMaildir => Path.Combine(MaildirRoot, "replies.example.com");

    /// <summary>Only kendt@strict.patients.test; any other address there is refused at RCPT with 550 5.1.1.</summary>
    public static string StrictMaildir => Path.Combine(MaildirRoot, "strict.patients.test");

    private static readonly string[] s_maildirs = [PatientsMaildir, BouncesMaildir, StrictMaildir];

    /// <summary>Makes sure the test Postfix answers on 127.0.0.1:2525, running the setup script when it does not.</summary>
    public static void EnsureRunning()
    {
        // An instance set up before the replies domain, the TLS ports or the log in /var/log existed needs the script
        // again (it reloads a running one).
        if (AllPortsAnswer() && Directory.Exists(Path.Combine(RepliesMaildir, "new")) && File.Exists(LogPath))
        {
            return;
        }

        var script = Path.Combine(RepoPaths.Root, "scripts", "postfix-test-setup.sh");
        var (exitCode, output) = Run("bash", TimeSpan.FromMinutes(5), script);
        if (exitCode != 0 || !WaitUntil(AllPortsAnswer, TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException(
                $"Postfix does not answer on {Host}:{Port}, {TlsPort} and {SelfSignedTlsPort} after {script} (exit {exitCode}):\n{output}");
        }
    }

    /// <summary>Deletes the message files in new/, cur/ and tmp/ of the three Maildirs; keeps the folders.</summary>
    public static void ClearMaildirs()
    {
        foreach (var maildir in s_maildirs)
        {
            foreach (var sub in new[] { "new", "cur", "tmp" })
            {
                var dir = Path.Combine(maildir, sub);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(dir))
                {
                    File.Delete(file);
                }
            }
        }
    }

    /// <summary>The delivered messages of a Maildir (new/ and cur/, not the half-written tmp/), oldest first.</summary>
    public static IReadOnlyList<string> MessageFiles(string maildir) =>
        new[] { "new", "cur" }
            .Select(sub => Path.Combine(maildir, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            // Maildir names start with the delivery time in seconds, so name order is near enough to arrival order.
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();

    /// <summary>Waits until the Maildir holds at least <paramref name="count"/> messages and returns them all.</summary>
    public static IReadOnlyList<string> WaitForMessages(string maildir, int count, TimeSpan timeout)
    {
        IReadOnlyList<string> files = [];
        if (WaitUntil(() => (files = MessageFiles(maildir)).Count >= count, timeout))
        {
            return files;
        }

        throw new TimeoutException(
            $"{maildir}: {files.Count} message(s) after {timeout.TotalSeconds:0.#} s, expected at least {count}.");
    }

    /// <summary>Waits for the message with this Message-ID header in a Maildir and returns its path; other messages may be there.</summary>
    public static string WaitForMessage(string maildir, string messageId, TimeSpan timeout)
    {
        var header = "\nMessage-ID: " + messageId + "\n";
        string? found = null;
        if (WaitUntil(() => (found = MessageFiles(maildir).FirstOrDefault(f => File.ReadAllText(f).Contains(header, StringComparison.OrdinalIgnoreCase))) is not null, timeout))
        {
            return found!;
        }

        throw new TimeoutException($"{maildir}: no message with Message-ID {messageId} after {timeout.TotalSeconds:0.#} s.");
    }

    /// <summary>Waits until Postfix's queue is empty (everything delivered or bounced); throws with what is left.</summary>
    public static void WaitForQueueEmpty(TimeSpan timeout)
    {
        var left = "";
        if (WaitUntil(() => (left = QueueListing()).Length == 0, timeout))
        {
            return;
        }

        throw new TimeoutException($"Postfix queue not empty after {timeout.TotalSeconds:0.#} s:\n{left}");
    }

    /// <summary>Reads a Maildir file (bare LF line ends) with <see cref="EmlMessage"/>, which expects CRLF.</summary>
    public static EmlMessage LoadMessage(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8).ReplaceLineEndings("\r\n");
        var copy = Path.Combine(Path.GetTempPath(), "notices-maildir-" + Guid.NewGuid().ToString("N") + ".eml");
        try
        {
            File.WriteAllText(copy, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return EmlMessage.Load(copy);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>Stops the test instance (<c>postfix -c … stop</c>); open SMTP sessions are cut. Returns once the port refuses.</summary>
    public static void Stop()
    {
        var (_, output) = Run("postfix", TimeSpan.FromSeconds(30), "-c", ConfigDirectory, "stop");
        if (!WaitUntil(() => !Accepts(), TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"{Host}:{Port} still accepts connections after postfix stop:\n{output}");
        }
    }

    /// <summary>Starts the test instance (<c>postfix -c … start</c>) and returns once it answers with a 220 banner.</summary>
    public static void Start()
    {
        var (exitCode, output) = Run("postfix", TimeSpan.FromSeconds(30), "-c", ConfigDirectory, "start");
        if (!WaitUntil(AllPortsAnswer, TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"Postfix gives no 220 banner after postfix start (exit {exitCode}):\n{output}");
        }
    }

    /// <summary>The queue id Postfix gave this Message-ID (the latest one after <paramref name="since"/>, a <see cref="PostfixLog.Mark"/>).</summary>
    public static string QueueIdFor(string messageId, long since = 0) => PostfixLog.QueueIdFor(messageId, since);

    /// <summary>True when the smtpd session that received <paramref name="queueId"/> ran over TLS, by the log.</summary>
    public static bool TlsLoggedFor(string queueId) => PostfixLog.TlsLoggedFor(queueId);

    private static bool AllPortsAnswer() =>
        AnswersWithBanner(Port) && AnswersWithBanner(TlsPort) && AnswersWithBanner(SelfSignedTlsPort);

    /// <summary>True when something on 127.0.0.1:<paramref name="port"/> (2525 by default) greets with "220 ".</summary>
    public static bool AnswersWithBanner(int port = Port)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(Host, port).Wait(TimeSpan.FromSeconds(2)))
            {
                return false;
            }

            var stream = client.GetStream();
            stream.ReadTimeout = 2000;
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var banner = reader.ReadLine();
            stream.Write("QUIT\r\n"u8);
            return banner is not null && banner.StartsWith("220", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or AggregateException)
        {
            return false;
        }
    }

    private static bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return false;
        }
    }

    /// <summary>One line per queued message from <c>postqueue -j</c> (JSON), or "" when the queue is empty.</summary>
    private static string QueueListing()
    {
        // As root, -c needs no alternate_config_directories entry in the default main.cf.
        var (exitCode, output) = Run("postqueue", TimeSpan.FromSeconds(30), "-c", ConfigDirectory, "-j");
        if (exitCode != 0)
        {
            throw new InvalidOperationException("postqueue -j failed: " + output);
        }

        return output.Trim();
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (watch.Elapsed >= timeout)
            {
                return false;
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Runs a program (through sudo when the tests do not run as root) and returns its merged output.</summary>
    private static (int ExitCode, string Output) Run(string program, TimeSpan timeout, params string[] args)
    {
        var info = Environment.IsPrivilegedProcess ? new ProcessStartInfo(program) : new ProcessStartInfo("sudo");
        if (!Environment.IsPrivilegedProcess)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(program);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = RepoPaths.Root;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
