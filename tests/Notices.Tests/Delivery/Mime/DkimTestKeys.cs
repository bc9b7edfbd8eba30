using System.Diagnostics;
using System.Security.Cryptography;
using Notices.Delivery.Mime;

namespace Notices.Tests.Delivery.Mime;

/// <summary>A test RSA key pair (PEM files) and, when Debian's python3-dkim is there, its verifier.</summary>
internal static class DkimTestKeys
{
    private static readonly Lazy<RSA> s_key = new(() => RSA.Create(2048));

    public static RSA Key => s_key.Value;

    public static string PublicKeyBase64 => Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());

    public static string WritePrivatePem(string path)
    {
        File.WriteAllText(path, Key.ExportPkcs8PrivateKeyPem());
        return path;
    }

    public static DkimSigner Signer(string domain = "medtronic-sample.example.com", string selector = "notices2026")
    {
        var copy = RSA.Create();
        copy.ImportRSAPrivateKey(Key.ExportRSAPrivateKey(), out _);
        return DkimSigner.FromKey(domain, selector, copy);
    }

    /// <summary>Python's dkim.verify with a DNS stub that answers with the test key; installs python3-dkim when missing.</summary>
    public static bool PythonVerify(string emlPath)
    {
        EnsurePythonDkim();
        var script = """
            import sys, dkim
            msg = open(sys.argv[1], 'rb').read()
            record = ('v=DKIM1; k=rsa; p=' + sys.argv[2]).encode()
            ok = dkim.verify(msg, dnsfunc=lambda name, timeout=5: record)
            print('OK' if ok else 'FAIL')
            """;
        var (code, output) = Run("/usr/bin/python3", "-c", script, emlPath, PublicKeyBase64);
        return code == 0 && output.Trim() == "OK" ? true
            : code == 0 && output.Trim() == "FAIL" ? false
            : throw new InvalidOperationException("python dkim: " + output);
    }

    private static void EnsurePythonDkim()
    {
        if (Run("/usr/bin/python3", "-c", "import dkim").Code == 0)
        {
            return;
        }

        // Like scripts/test.sh installs poppler: Debian's own package, not pip.
        if (Environment.UserName == "root")
        {
            Run("apt-get", "install", "-y", "-qq", "python3-dkim");
        }
        else
        {
            Run("sudo", "apt-get", "install", "-y", "-qq", "python3-dkim");
        }

        if (Run("/usr/bin/python3", "-c", "import dkim").Code != 0)
        {
            throw new InvalidOperationException("python3-dkim is not installed and could not be installed (apt-get install python3-dkim).");
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
