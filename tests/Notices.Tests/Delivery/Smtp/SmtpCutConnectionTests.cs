using System.Globalization;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// A connection lost while a message is handed over (regression: a Postfix stopped between queueing a message and its
/// 250 made the letter "deferred", and the next send delivered it a second time). The letter must stay uncertain and
/// must not be retried, in this run or the next, without the user.
/// </summary>
public sealed class SmtpCutConnectionTests : IDisposable
{
    private readonly LetterPdfStore _letters = new();

    public void Dispose() => _letters.Dispose();

    [Theory]
    [InlineData(ScriptedSmtpServer.CutPoint.AfterData)]
    [InlineData(ScriptedSmtpServer.CutPoint.AtMailFrom)]
    public async Task A_letter_cut_after_its_data_is_uncertain_and_never_sent_again_and_one_cut_before_is_retried(ScriptedSmtpServer.CutPoint cutAt)
    {
        using var server = new ScriptedSmtpServer(cutAt, n => n == 2);
        var letters = Enumerable.Range(1, 4).Select(Letter).ToArray();

        await Deliver(server.Url, letters);

        var projection = LetterStateProjector.Project(_letters.Store.Db, "FA830");
        var states = projection.Letters.ToDictionary(l => l.LetterId, l => l.State, StringComparer.Ordinal);
        // One connection, so MAIL FROM number 2 belongs to the second letter.
        Assert.All(new[] { 1, 3, 4 }, n => Assert.Equal(LetterDeliveryState.Sent, states[Id(n)]));
        // Every message reached the server exactly once.
        Assert.Equal(4, server.Received.Count);
        Assert.Equal(server.Received.Count, server.Received.Distinct(StringComparer.Ordinal).Count());
        if (cutAt == ScriptedSmtpServer.CutPoint.AfterData)
        {
            // Cut after the final dot: the server has it, so no retry and no outcome; the letter stays uncertain.
            Assert.Equal(LetterDeliveryState.Uncertain, states["FA830-DK-000002"]);
            Assert.Equal(0, _letters.Store.Db.Ledger.Count(e => e.LetterId == "FA830-DK-000002" && e.Kind != LedgerEventKind.EmailSending));
        }
        else
        {
            // Cut at MAIL FROM: our transport knows the server never had the message, so it retried on a new connection.
            Assert.Equal(LetterDeliveryState.Sent, states["FA830-DK-000002"]);
            var accepted = Assert.IsType<EmailAccepted>(_letters.Store.Db.Ledger.Single(e => e.LetterId == "FA830-DK-000002" && e.Kind == LedgerEventKind.EmailAccepted).ReadEvent());
            Assert.Equal(2, accepted.Attempts);
        }
    }

    private async Task Deliver(string url, params OutgoingLetter[] letters)
    {
        var settings = new SmtpSettings
        {
            Server = SmtpServerAddress.Parse(url),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 4,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var writer = new LedgerWriter(_letters.Store.Db);
        await using var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(writer));
        foreach (var letter in letters)
        {
            await channel.DeliverAsync(letter, CancellationToken.None);
        }

        await channel.CompleteAsync(CancellationToken.None);
    }

    private static EmailIdentity Identity => SmtpTestLetters.Identity("smtp-cut-tests-verp-key");


    private static string Id(int n) => SmtpTestLetters.Id(n);

    private OutgoingLetter Letter(int n) => SmtpTestLetters.Letter(n, _letters.PdfPath, _letters.PdfSha256);
}
