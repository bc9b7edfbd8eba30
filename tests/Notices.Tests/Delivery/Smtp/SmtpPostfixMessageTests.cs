using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// What a patient's mailbox receives through the real Postfix from our own SMTP transport: no <c>Sender:</c> or
/// <c>X-Sender:</c> (the VERP address travels only in MAIL FROM and comes back as <c>Return-Path</c>), the RFC 3834 and
/// language headers, Postfix's queue id in the ledger matching its log, and a DKIM signature an independent verifier
/// (python3-dkim) accepts for every delivered message and rejects once the Subject is changed.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed partial class SmtpPostfixMessageTests
{
    private const int Patients = 12;

    [Fact]
    public void Delivered_messages_carry_no_sender_header_and_return_path_is_the_letters_verp_address()
    {
        using var ws = new SmtpCampaignWorkspace(Patients);
        var since = PostfixLog.Mark();

        var send = ws.Send(PostfixServer.SmtpUrl);

        Assert.True(send.ExitCode is 0 or 3, send.All);
        var expected = SmtpCampaignData.DeliveredByEmail(Patients).Count;
        var files = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, expected, TimeSpan.FromSeconds(60));
        Assert.Equal(expected, files.Count);
        foreach (var file in files)
        {
            var message = PostfixServer.LoadMessage(file);
            Assert.False(message.Headers.ContainsKey("sender"), "Sender: must not be written");
            Assert.False(message.Headers.ContainsKey("x-sender"), "X-Sender: must not be written");
            Assert.Equal("auto-generated", message.Headers["auto-submitted"].Trim());
            Assert.Equal("da", message.Headers["content-language"].Trim());
            var messageId = message.Headers["message-id"].Trim();
            var letterId = ws.Scalar($"SELECT LetterId FROM ledger WHERE Kind = 'EmailAccepted' AND Detail LIKE '%{messageId.Trim('<', '>')}%' LIMIT 1");
            Assert.False(string.IsNullOrEmpty(letterId), messageId);
            var returnPath = message.Headers["return-path"].Trim();
            Assert.Matches(VerpPattern(), returnPath);
            Assert.Contains("bounces+" + letterId + ".", returnPath, StringComparison.Ordinal);

            // The ledger keeps the server's own reply, and its queue id is the one Postfix logged for this Message-ID.
            var detail = ws.Scalar($"SELECT Detail FROM ledger WHERE Kind = 'EmailAccepted' AND LetterId = '{letterId}'");
            var queued = QueuedAs().Match(detail);
            Assert.True(queued.Success, detail);
            Assert.Equal(PostfixServer.QueueIdFor(messageId, since), queued.Groups[1].Value);
            Assert.DoesNotContain("@patients.test", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_delivered_message_of_a_dkim_signed_campaign_verifies_and_a_changed_subject_does_not()
    {
        using var ws = new SmtpCampaignWorkspace(Patients);
        var notice = Path.Combine(ws.Path, "notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(notice, "notice.yaml"), "\ndkim:\n  domain: medtronic-sample.example.com\n  selector: fsn2026\n");
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(ws.Path, "dkim.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        var env = new Dictionary<string, string> { ["NOTICES_DKIM_KEY_FILE"] = keyFile };
        Assert.Equal(0, CliRunner.Run(ws.Path, env, "approve", notice, "--by", "RA", "--db", "s.db").ExitCode);

        var send = CliRunner.Run(ws.Path, env, "send", notice, "--db", "s.db", "--out", "out", "--smtp", PostfixServer.SmtpUrl, "--date", "2026-11-21");

        Assert.True(send.ExitCode is 0 or 3, send.All);
        var expected = SmtpCampaignData.DeliveredByEmail(Patients).Count;
        var files = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, expected, TimeSpan.FromSeconds(60));
        var txt = DkimVerifier.TxtRecordFor(key);
        var results = DkimVerifier.VerifyAll(files, txt, "fsn2026._domainkey.medtronic-sample.example.com.");
        Assert.Equal(expected, results.Count);
        Assert.All(results, r => Assert.True(r.Verified, r.Log));

        var changed = Path.Combine(ws.Path, "changed.eml");
        var raw = File.ReadAllText(files[0]);
        File.WriteAllText(changed, SubjectLine().Replace(raw, "Subject: Vigtig meddelelse (aendret)", 1));
        Assert.False(DkimVerifier.Verify(changed, txt, "fsn2026._domainkey.medtronic-sample.example.com.").Verified);
    }

    [GeneratedRegex(@"^<bounces\+[A-Z0-9]+-[A-Z]{2}-\d{6}\.[A-Za-z0-9_-]+@bounces\.example\.com>$")]
    private static partial Regex VerpPattern();

    [GeneratedRegex(@"queued as ([0-9A-Za-z]+)")]
    private static partial Regex QueuedAs();

    [GeneratedRegex(@"^Subject: .*(\r?\n[ \t].*)*", RegexOptions.Multiline)]
    private static partial Regex SubjectLine();
}
