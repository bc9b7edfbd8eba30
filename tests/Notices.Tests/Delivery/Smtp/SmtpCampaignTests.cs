using System.Collections.Concurrent;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// A whole campaign through the real Postfix on 127.0.0.1: what arrives in the Maildirs is what the ledger says.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpCampaignTests : IDisposable
{
    private const int Patients = 260;
    private const string Campaign = "fa830-minimed-dk";
    private readonly SmtpCampaignWorkspace _workspace = new(Patients);

    public void Dispose() => _workspace.Dispose();

    private static IEnumerable<int> EmailPatients => Enumerable.Range(1, Patients).Where(SmtpCampaignData.HasEmail);

    [Fact]
    public void Every_consented_patient_gets_exactly_one_message_with_their_letter_attached()
    {
        var send = Send();

        Assert.True(send.ExitCode == 0, send.All);
        var expected = EmailPatients.Count();
        Assert.True(expected >= 200, "the campaign must send at least 200 emails");
        Assert.Equal(expected - 1, Count("EmailAccepted"));
        var arrived = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, expected - 2, TimeSpan.FromSeconds(60));
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        arrived = PostfixServer.MessageFiles(PostfixServer.PatientsMaildir);

        var byRecipient = arrived.Select(PostfixServer.LoadMessage)
            .GroupBy(m => m.Headers["X-Original-To"], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var reachable = SmtpCampaignData.DeliveredByEmail(Patients);
        Assert.Equal(reachable.Select(SmtpCampaignData.Email).Order(StringComparer.Ordinal), byRecipient.Keys.Order(StringComparer.Ordinal));
        Assert.All(byRecipient.Values, messages => Assert.Single(messages));

        // Every attachment is that patient's own letter: a valid PDF holding their serial numbers.
        var problems = new ConcurrentBag<string>();
        Parallel.ForEach(reachable, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            var message = byRecipient[SmtpCampaignData.Email(n)][0];
            var letterId = LetterIdOf(message);
            var attachment = message.Parts.Single(p => p.FileName is not null);
            if (attachment.FileName != $"Vigtig-sikkerhedsmeddelelse-{letterId}.pdf")
            {
                problems.Add($"{n}: attachment named {attachment.FileName}");
            }

            var pdf = Path.Combine(_workspace.Path, $"mail-{n}.pdf");
            File.WriteAllBytes(pdf, attachment.Body);
            var text = Support.Poppler.RawText(pdf);
            foreach (var serial in SmtpCampaignData.Serials(n).Where(s => !text.Contains(s, StringComparison.Ordinal)))
            {
                problems.Add($"{n}: serial {serial} missing from the attached PDF");
            }
        });
        Assert.Empty(problems);
    }

    [Fact]
    public void Names_with_æøå_are_encoded_in_headers_and_the_message_id_is_the_one_in_the_ledger()
    {
        Assert.Equal(0, Send().ExitCode);
        var file = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, 1, TimeSpan.FromSeconds(30))[0];
        var message = PostfixServer.LoadMessage(file);

        var to = message.Headers["To"];
        Assert.True(System.Text.Ascii.IsValid(to), to);
        Assert.Matches("^(Søren|Åse|Ærtebjørg|Bjørn|Mette|Jens|Lærke|Øjvind) (Ærø|Østergård|Thomsen|Kjærgaard|Ågesen|Nørgaard)", MimeWords.Decode(to).Trim('"'));
        Assert.Equal("Medtronic Danmark", MimeWords.Decode(message.Headers["From"]).Split('<')[0].Trim().Trim('"'));
        var letterId = LetterIdOf(message);
        var ledgerDetail = Scalar($"SELECT Detail FROM ledger WHERE Kind = 'EmailAccepted' AND LetterId = '{letterId}'");
        Assert.Contains(message.Headers["Message-ID"], ledgerDetail, StringComparison.Ordinal);
        // Signed VERP, under the key send used (NOTICES_VERP_KEY, else the store's own).
        var verp = Notices.Delivery.VerpSigner.FromEnvironmentOr(
            () => Convert.FromBase64String(Scalar("SELECT Value FROM store_secrets WHERE Name = 'verp_key'")));
        Assert.Equal("<" + verp.Address(Campaign, letterId, "bounces.example.com") + ">", message.Headers["Return-Path"]);
    }

    [Fact]
    public void A_refused_address_fails_with_the_servers_status_and_goes_to_print()
    {
        Assert.Equal(0, Send().ExitCode);

        var letterId = Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.RefusedPatient}'");
        var kinds = Scalar($"SELECT group_concat(Kind, ',') FROM (SELECT Kind FROM ledger WHERE LetterId = '{letterId}' ORDER BY Seq)");
        Assert.Equal("LetterRendered,EmailSending,EmailFailed,PrintBatched", kinds);
        var failed = Scalar($"SELECT Detail FROM ledger WHERE Kind = 'EmailFailed' AND LetterId = '{letterId}'");
        Assert.Contains("550 5.1.1", failed, StringComparison.Ordinal);
        Assert.Contains("\"fallback\":\"print\"", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody@", failed, StringComparison.Ordinal); // the server's text quotes the address
        Assert.Empty(PostfixServer.MessageFiles(PostfixServer.StrictMaildir));
        var status = _workspace.Run("status", Campaign, "--db", "s.db");
        Assert.Matches(@"refused or failed\s*│\s*1", status.StdOut);
    }

    [Fact]
    public void Without_the_print_fallback_a_refused_letter_stays_failed_and_the_run_says_so()
    {
        var send = Send("--no-print-fallback");

        Assert.Equal(3, send.ExitCode);
        var letterId = Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.RefusedPatient}'");
        Assert.Equal("0", Scalar($"SELECT COUNT(*) FROM ledger WHERE Kind = 'PrintBatched' AND LetterId = '{letterId}'"));
        Assert.Matches(@"failed or pending\s*│\s*1", send.StdOut);
    }

    [Fact]
    public void Delivery_reports_come_back_and_dsn_import_confirms_delivery_and_sends_the_bounced_letter_by_post()
    {
        Assert.Equal(0, Send().ExitCode);
        var delivered = EmailPatients.Count() - 2; // minus the refused and the bouncing address
        PostfixServer.WaitForMessages(PostfixServer.BouncesMaildir, delivered + 1, TimeSpan.FromSeconds(90));
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        var maildirBefore = PostfixServer.MessageFiles(PostfixServer.BouncesMaildir).ToDictionary(f => f, File.ReadAllBytes);

        var import = _workspace.Run("dsn", "import", "--maildir", PostfixServer.BouncesMaildir, "--db", "s.db", "--out", "out");

        Assert.True(import.ExitCode == 0, import.All);
        Assert.Equal(delivered.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar("SELECT COUNT(DISTINCT LetterId) FROM ledger WHERE Kind = 'EmailDelivered'"));
        var bouncedId = Scalar($"SELECT LetterId FROM letters WHERE PatientId = '{SmtpCampaignData.BouncingPatient}'");
        Assert.Equal("LetterRendered,EmailSending,EmailAccepted,EmailBounced,PrintBatched",
            Scalar($"SELECT group_concat(Kind, ',') FROM (SELECT Kind FROM ledger WHERE LetterId = '{bouncedId}' ORDER BY Seq)"));
        Assert.DoesNotContain("offline.patients.test", Scalar("SELECT group_concat(Detail, ' ') FROM ledger"), StringComparison.Ordinal);

        // The Maildir is read, never changed.
        Assert.Equal(maildirBefore.Keys.Order(StringComparer.Ordinal), PostfixServer.MessageFiles(PostfixServer.BouncesMaildir).Order(StringComparer.Ordinal));
        Assert.All(maildirBefore, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));

        var status = _workspace.Run("status", Campaign, "--db", "s.db");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(status.StdOut, $@"confirmed delivered \(DSN\)\s*│\s*{delivered}\b"), status.StdOut);
        Assert.Matches(@"accepted by SMTP server, no DSN yet\s*│\s*0\b", status.StdOut);
        Assert.Matches(@"bounced\s*│\s*1\b", status.StdOut);
        Assert.Matches(@"Failed\s*│\s*0\b", status.StdOut);

        var again = _workspace.Run("dsn", "import", "--maildir", PostfixServer.BouncesMaildir, "--db", "s.db", "--out", "out");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(delivered.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar("SELECT COUNT(*) FROM ledger WHERE Kind = 'EmailDelivered'"));
    }

    private CliRunner.Result Send(params string[] extra) => _workspace.Send(PostfixServer.SmtpUrl, extra);

    private static string LetterIdOf(EmlMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.Headers["Return-Path"], @"bounces\+([A-Z0-9-]+)\.[a-z2-7]{16}@").Groups[1].Value;

    private int Count(string kind) => int.Parse(Scalar($"SELECT COUNT(*) FROM ledger WHERE Kind = '{kind}'"), System.Globalization.CultureInfo.InvariantCulture);

    private string Scalar(string sql) => _workspace.Scalar(sql);
}
