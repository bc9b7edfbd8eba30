using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// The channel stopped while the server holds its reply to a final dot: the next letter's intent is already committed
/// (read-ahead) but nothing of it went out. Against the scripted server, whose gates decide the order; no sleeps.
/// </summary>
public sealed class SmtpChannelStopTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly LetterPdfStore _letters = new();

    public void Dispose() => _letters.Dispose();

    [Fact]
    public async Task A_read_ahead_letter_whose_intent_is_committed_is_deferred_as_stopped_before_sending_with_its_Message_ID()
    {
        var greeting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dotSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseDot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task HoldDot()
        {
            dotSeen.TrySetResult();
            await releaseDot.Task;
        }

        using var server = new TranscriptSmtpServer
        {
            BeforeReply = line => line switch
            {
                // Held until both letters are queued, so the read-ahead at the first final dot finds the second.
                "<greeting>" => greeting.Task,
                "." => HoldDot(),
                _ => Task.CompletedTask,
            },
        };
        var settings = new SmtpSettings
        {
            Server = new SmtpServerAddress("127.0.0.1", server.Port),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 1,
            Timeout = TimeSpan.FromSeconds(30),
        };

        using (var writer = new LedgerWriter(_letters.Store.Db))
        {
            var log = new IntentSignal(new LedgerDeliveryLog(writer), SmtpTestLetters.Id(2));
            var channel = new SmtpChannel(settings, SmtpTestLetters.Identity("smtp-stop-tests-verp-key"), log);
            try
            {
                await channel.DeliverAsync(SmtpTestLetters.Letter(1, _letters.PdfPath, _letters.PdfSha256), CancellationToken.None);
                await channel.DeliverAsync(SmtpTestLetters.Letter(2, _letters.PdfPath, _letters.PdfSha256), CancellationToken.None);
                greeting.SetResult();

                // The server holds its 250 to the first message; meanwhile the second letter's intent is durable.
                await dotSeen.Task.WaitAsync(Patience);
                await log.Committed.WaitAsync(Patience);
            }
            finally
            {
                await channel.DisposeAsync();
                releaseDot.TrySetResult();
            }
        }

        var second = Events(SmtpTestLetters.Id(2));
        Assert.Equal(2, second.Count);
        var sending = Assert.IsType<EmailSending>(second[0]);
        var deferred = Assert.IsType<EmailDeferred>(second[1]);
        Assert.Equal(new EmailDeferred("stopped before sending", Attempts: 0, MessageId: sending.MessageId), deferred);
        Assert.StartsWith("<" + SmtpTestLetters.Id(2) + ".", sending.MessageId, StringComparison.Ordinal);

        // The first message was sent whole but its reply never came: only its intent, so it stays uncertain.
        Assert.IsType<EmailSending>(Assert.Single(Events(SmtpTestLetters.Id(1))));

        var mail = Assert.Single(server.Commands, c => c.StartsWith("MAIL FROM:", StringComparison.Ordinal));
        Assert.Contains(" ENVID=" + SmtpTestLetters.Id(1), mail, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Commands, c => c.Contains(SmtpTestLetters.Id(2), StringComparison.Ordinal));
        Assert.Single(server.Messages);
    }

    private List<LedgerEvent> Events(string letterId) =>
        [.. _letters.Store.Db.Ledger.Where(e => e.LetterId == letterId).OrderBy(e => e.Seq).AsEnumerable().Select(e => e.ReadEvent())];

    /// <summary>Completes <see cref="Committed"/> once the intent of one letter is durable.</summary>
    private sealed class IntentSignal(IDeliveryLog inner, string letterId) : IDeliveryLog
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Committed => _committed.Task;

        public void Record(LetterEvent letterEvent) => inner.Record(letterEvent);

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents)
        {
            inner.RecordIntent(letterEvents);
            if (letterEvents.Any(e => e.LetterId == letterId))
            {
                _committed.TrySetResult();
            }
        }
    }
}
