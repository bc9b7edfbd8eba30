using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>
/// The bundled sample imported and sent twice over, once without a ledger key and once with
/// <see cref="Key"/>, by the real <c>notices</c> program. Tests tamper with copies (<see cref="Copy"/>).
/// </summary>
public sealed class SentStoresFixture : IDisposable
{
    /// <summary>A distinctive key, so that grepping for it finds it wherever it leaked.</summary>
    public const string Key = "notices-test-ledger-key-5d1c0a9e8b74f36a1d52";

    public const string Campaign = "fa830-minimed-dk";

    private readonly TempDirectory _dir = new();

    public SentStoresFixture()
    {
        PlainDirectory = Send("plain", null);
        KeyedDirectory = Send("keyed", WithKey(Key));
    }

    public string PlainDirectory { get; }

    public string KeyedDirectory { get; }

    /// <summary>What the keyed import and send printed, to check that the key is never echoed.</summary>
    public List<string> KeyedOutput { get; } = [];

    public static Dictionary<string, string> WithKey(string key) => new() { ["NOTICES_LEDGER_KEY"] = key };

    /// <summary>A fresh copy of the store file(s) and out/ of one of the sent stores.</summary>
    public TempDirectory Copy(bool keyed)
    {
        var copy = new TempDirectory();
        CopyTree(keyed ? KeyedDirectory : PlainDirectory, copy.Path);
        return copy;
    }

    public void Dispose() => _dir.Dispose();

    private string Send(string name, Dictionary<string, string>? environment)
    {
        var dir = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(dir);
        var import = CliRunner.Run(dir, environment,
            "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "s.db");
        Assert.True(import.ExitCode == 0, import.All);
        var send = CliRunner.Run(dir, environment,
            "send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(send.ExitCode == 3, send.All); // one sample patient is unreachable
        if (environment is not null)
        {
            KeyedOutput.Add(import.All);
            KeyedOutput.Add(send.All);
        }

        return dir;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            CopyTree(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
