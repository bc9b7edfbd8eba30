using System.Diagnostics;
using System.Security.Cryptography;

namespace Notices.Tests.Support;

/// <summary>
/// Verifies a message's DKIM signature with an independent implementation: Debian's python3-dkim (dkimpy) under the
/// system Python, <c>/usr/bin/python3</c> (a pyenv python3 may come first on PATH and lacks the module). There is no
/// DNS here: dkimpy's <c>dnsfunc</c> answers with the TXT record given, for the expected name only when one is given.
/// scripts/test.sh installs python3-dkim when it is missing.
/// </summary>
public static class DkimVerifier
{
    public const string Python = "/usr/bin/python3";

    // argv: message file, TXT record, expected DNS name ("" = any). Prints the names asked for, then True or False.
    // Maildir files have bare LF line ends; dkimpy accepts LF or CRLF.
    private const string Script = """
        import logging, sys
        import dkim
        path, record, expected = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
        def dnsfunc(name, timeout=5):
            name = name.decode() if isinstance(name, bytes) else name
            print("queried " + name)
            if expected and name.rstrip(".").lower() != expected.rstrip(".").lower():
                return None
            return record
        logging.basicConfig(stream=sys.stderr, level=logging.DEBUG, format="%(levelname)s %(message)s")
        with open(path, "rb") as f:
            data = f.read()
        print("verified " + str(bool(dkim.verify(data, logger=logging.getLogger("dkim"), dnsfunc=dnsfunc))))
        """;

    /// <summary>
    /// Runs <c>dkim.verify</c> on <paramref name="messagePath"/> with <paramref name="txtRecord"/> as the key's DNS
    /// record (<see cref="TxtRecordFor"/>). With <paramref name="expectedDnsName"/> (selector._domainkey.domain) the
    /// record is given only for that name, so a signature naming another d= or s= fails.
    /// </summary>
    public static DkimVerification Verify(string messagePath, string txtRecord, string? expectedDnsName = null)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; the DKIM tests need Debian's python3 and python3-dkim.");
        }

        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-c", Script, messagePath, txtRecord, expectedDnsName ?? "" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dkim.verify of {messagePath} did not finish in 30 s.");
        }

        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verdict = lines.LastOrDefault(l => l.StartsWith("verified ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || verdict is null)
        {
            var hint = stderr.Result.Contains("No module named 'dkim'", StringComparison.Ordinal)
                ? " Install python3-dkim (apt-get install python3-dkim; scripts/test.sh does)." : "";
            throw new InvalidOperationException($"dkim.verify of {messagePath} failed (exit {process.ExitCode}).{hint}\n{stderr.Result}");
        }

        var queried = lines.Where(l => l.StartsWith("queried ", StringComparison.Ordinal)).Select(l => l["queried ".Length..]).ToList();
        return new DkimVerification(verdict == "verified True", queried, stderr.Result);
    }

    /// <summary>The DNS TXT record that publishes this key: <c>v=DKIM1; k=rsa; p=&lt;base64 SubjectPublicKeyInfo&gt;</c>.</summary>
    public static string TxtRecordFor(RSA key) =>
        "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>The TXT record for the key in a PEM file: a private key (PKCS#1 or PKCS#8, as NOTICES_DKIM_KEY_FILE) or a public one.</summary>
    public static string TxtRecordForKeyFile(string pemPath)
    {
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(pemPath));
        return TxtRecordFor(key);
    }
}
