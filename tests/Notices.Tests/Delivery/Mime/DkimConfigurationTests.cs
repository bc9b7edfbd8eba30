using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>notice.yaml <c>dkim</c> and NOTICES_DKIM_KEY_FILE: checked at load and by plan (exit 2, one line naming the file), used by send.</summary>
public sealed class DkimConfigurationTests : IDisposable
{
    private const string DkimBlock = "\ndkim:\n  domain: medtronic-sample.example.com\n  selector: notices2026\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Notice(string extra)
    {
        var notice = Path.Combine(_dir.Path, "notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)), overwrite: true);
        }

        File.AppendAllText(Path.Combine(notice, "notice.yaml"), extra);
        return notice;
    }

    private int DkimLine(string notice) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(notice, "notice.yaml")), l => l.StartsWith("dkim:", StringComparison.Ordinal)) + 1;

    [Fact]
    public void The_loader_reads_dkim_and_refuses_a_bad_domain_or_selector_at_its_line()
    {
        var good = NoticePackageLoader.Load(Notice(DkimBlock));
        Assert.Equal(new DkimSettings("medtronic-sample.example.com", "notices2026"), good.Dkim);
        Assert.Null(NoticePackageLoader.Load(RepoPaths.SampleNotice).Dkim);

        var notice = Notice("\ndkim:\n  domain: \"not a domain\"\n  selector: \"bad_selector!\"\n");
        var problems = Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(notice)).Problems;
        var line = DkimLine(notice);
        var yaml = Path.Combine(notice, "notice.yaml");
        Assert.Contains(problems, p => p.StartsWith($"{yaml}:{line + 1}: 'dkim.domain' must be a domain name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"{yaml}:{line + 2}: 'dkim.selector' must be a DNS label", StringComparison.Ordinal));

        var missing = Notice("\ndkim:\n  domain: medtronic-sample.example.com\n");
        Assert.Contains(Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(missing)).Problems,
            p => p.Contains("missing required key 'dkim.selector'", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_refuses_a_missing_variable_an_unreadable_file_and_a_public_key_naming_the_file_and_accepts_a_private_key()
    {
        var notice = Notice(DkimBlock);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "n.db").ExitCode);
        CliRunner.Result Plan(string keyFile) =>
            CliRunner.Run(_dir.Path, new Dictionary<string, string> { [DkimSettings.KeyFileVariable] = keyFile }, "plan", notice, "--db", "n.db");

        var unset = Plan("");
        Assert.Equal(2, unset.ExitCode);
        Assert.Contains("notice.yaml:1: dkim is configured but NOTICES_DKIM_KEY_FILE is not set", unset.All, StringComparison.Ordinal);

        var missing = _dir.File("missing.pem");
        var notFound = Plan(missing);
        Assert.Equal(2, notFound.ExitCode);
        Assert.Contains(missing + ": the DKIM key file cannot be read", notFound.All, StringComparison.Ordinal);
        Assert.Single(notFound.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var publicKey = _dir.File("public.pem");
        File.WriteAllText(publicKey, DkimTestKeys.Key.ExportSubjectPublicKeyInfoPem());
        var refused = Plan(publicKey);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(publicKey + ": not a PEM RSA private key", refused.All, StringComparison.Ordinal);

        var ok = Plan(DkimTestKeys.WritePrivatePem(_dir.File("private.pem")));
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public void Send_signs_every_pickup_message_and_python_dkim_verifies_them()
    {
        var notice = Notice(DkimBlock);
        var key = DkimTestKeys.WritePrivatePem(_dir.File("private.pem"));
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "n.db").ExitCode);
        var send = CliRunner.Run(_dir.Path, new Dictionary<string, string> { [DkimSettings.KeyFileVariable] = key },
            "send", "--unapproved", notice, "--db", "n.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(send.ExitCode is 0 or 3, send.All);

        var emls = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email"), "*.eml");
        Assert.NotEmpty(emls);
        foreach (var eml in emls.Take(3))
        {
            var raw = File.ReadAllText(eml);
            Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256;", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("\r\nSender:", raw, StringComparison.Ordinal);
            Assert.True(DkimTestKeys.PythonVerify(eml), eml);
        }

        Assert.DoesNotContain(File.ReadAllText(key).Split('\n')[1], send.All, StringComparison.Ordinal);
    }
}
