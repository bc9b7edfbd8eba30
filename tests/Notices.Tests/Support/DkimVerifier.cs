using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    // argv: TXT record, expected DNS name ("" = any), message files. Prints one JSON object per file: verdict, the DNS
    // names dkimpy asked for, its log. Maildir files have bare LF line ends; dkimpy accepts LF or CRLF.
    private const string Script = """
        import json, logging, sys
        import dkim
        record, expected, paths = sys.argv[1].encode(), sys.argv[2], sys.argv[3:]
        class Collect(logging.Handler):
            def emit(self, r):
                log.append(r.levelname + " " + r.getMessage())
        logger = logging.getLogger("dkim")
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        logger.addHandler(Collect())
        for path in paths:
            queried, log = [], []
            def dnsfunc(name, timeout=5):
                name = name.decode() if isinstance(name, bytes) else name
                queried.append(name)
                if expected and name.rstrip(".").lower() != expected.rstrip(".").lower():
                    return None
                return record
            with open(path, "rb") as f:
                data = f.read()
            ok = bool(dkim.verify(data, logger=logger, dnsfunc=dnsfunc))
            print(json.dumps({"file": path, "verified": ok, "queried": queried, "log": "\n".join(log)}))
        """;

    /// <summary>
    /// Runs <c>dkim.verify</c> on <paramref name="messagePath"/> with <paramref name="txtRecord"/> as the key's DNS
    /// record (<see cref="TxtRecordFor"/>). With <paramref name="expectedDnsName"/> (selector._domainkey.domain.) the
    /// record is given only for that name, so a signature naming another d= or s= fails.
    /// </summary>
    public static DkimVerification Verify(string messagePath, string txtRecord, string? expectedDnsName = null) =>
        VerifyAll([messagePath], txtRecord, expectedDnsName)[0];

    /// <summary>As <see cref="Verify"/> for many files in one Python process (a campaign's Maildir), in the same order.</summary>
    public static IReadOnlyList<DkimVerification> VerifyAll(
        IReadOnlyList<string> messagePaths, string txtRecord, string? expectedDnsName = null)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; the DKIM tests need Debian's python3 and python3-dkim.");
        }

        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", Script, txtRecord, expectedDnsName ?? "" }.Concat(messagePaths))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dkim.verify of {messagePaths.Count} file(s) did not finish in 5 minutes.");
        }

        var results = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Line>(line)!)
            .ToList();
        if (process.ExitCode != 0 || results.Count != messagePaths.Count)
        {
            var hint = stderr.Result.Contains("No module named 'dkim'", StringComparison.Ordinal)
                ? " Install python3-dkim (apt-get install python3-dkim; scripts/test.sh does)." : "";
            throw new InvalidOperationException(
                $"dkim.verify failed (exit {process.ExitCode}, {results.Count} of {messagePaths.Count} file(s) done).{hint}\n{stderr.Result}");
        }

        return results.Select(r => new DkimVerification(r.Verified, r.Queried, r.Log)).ToList();
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

    private sealed record Line(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("verified")] bool Verified,
        [property: JsonPropertyName("queried")] List<string> Queried,
        [property: JsonPropertyName("log")] string Log);
}
