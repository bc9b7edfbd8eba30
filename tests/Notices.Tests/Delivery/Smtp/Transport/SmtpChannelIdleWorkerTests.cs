using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>Workers that wait in ReadAsync for their next letter: stopping, completing and bursts of letters.</summary>
public sealed class SmtpChannelIdleWorkerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly LetterPdfStore _letters = new();

    public void Dispose() => _letters.Dispose();

    private static SmtpSettings Settings(TranscriptSmtpServer server, int connections) => new()
    {
        Server = new SmtpServerAddress("127.0.0.1", server.Port),
        UseStartTls = false,
        Connections = connections,
        MaxAttempts = 1,
        Timeout = TimeSpan.FromSeconds(10),
    };

    private SmtpChannel Channel(TranscriptSmtpServer server, LedgerWriter writer, int connections) =>
        new(Settings(server, connections), SmtpTestLetters.Identity("smtp-idle-tests-verp-key"), new LedgerDeliveryLog(writer));

    [Fact]
    public async Task Disposing_while_every_worker_waits_for_a_letter_returns_and_sends_nothing()
    {
        using var server = new TranscriptSmtpServer();
        using var writer = new LedgerWriter(_letters.Store.Db);
        var channel = Channel(server, writer, 4);
        await Task.Delay(50);

        await channel.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.Empty(server.Messages);
        Assert.Equal(0, _letters.Store.Db.Ledger.Count());
    }

    [Fact]
    public async Task Completing_an_empty_queue_while_workers_wait_ends_them_without_a_problem()
    {
        using var server = new TranscriptSmtpServer();
        using var writer = new LedgerWriter(_letters.Store.Db);
        await using var channel = Channel(server, writer, 4);
        await Task.Delay(50);

        var completion = await channel.CompleteAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Null(completion.ServerProblem);
        Assert.Empty(completion.ForPost);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task Every_letter_trickled_to_idle_workers_or_read_ahead_before_completion_is_accepted_once()
    {
        const int count = 24;
        using var server = new TranscriptSmtpServer();
        using (var writer = new LedgerWriter(_letters.Store.Db))
        {
            await using var channel = Channel(server, writer, 3);
            for (var n = 1; n <= count; n++)
            {
                await channel.DeliverAsync(SmtpTestLetters.Letter(n, _letters.PdfPath, _letters.PdfSha256), CancellationToken.None);
                if (n % 5 == 0)
                {
                    // Let the workers drain the queue and go idle, so the next letters wake a waiting ReadAsync.
                    await Task.Delay(30);
                }
            }

            var completion = await channel.CompleteAsync(CancellationToken.None).WaitAsync(Patience);
            Assert.Null(completion.ServerProblem);
        }

        var accepted = _letters.Store.Db.Ledger.Where(e => e.Kind == LedgerEventKind.EmailAccepted).Select(e => e.LetterId).ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(SmtpTestLetters.Id).Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));
        Assert.Equal(count, server.Messages.Count);
    }

    [Fact]
    public async Task A_pdf_truncated_after_the_message_was_made_is_not_finished_and_the_letter_stays_pending()
    {
        // Over the in-memory limit, so the PDF is read from disk again while the message is sent (a letter PDF under
        // it is read once, checked against its hash, and cannot change afterwards: LetterEmailTests).
        var pdf = Path.Combine(_letters.Store.Directory, "letters", "shrinking.pdf");
        var bytes = new byte[Notices.Delivery.Mime.LetterEmail.InMemoryAttachmentLimit + 4096];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(pdf, bytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using var server = new TranscriptSmtpServer
        {
            BeforeReply = line =>
            {
                if (line == "DATA" || line.StartsWith("BDAT", StringComparison.Ordinal))
                {
                    // The message (and its length) is made before DATA; the body is read after the 354.
                    using var file = new FileStream(pdf, FileMode.Open, FileAccess.Write);
                    file.SetLength(file.Length / 2);
                }

                return Task.CompletedTask;
            },
        };
        using (var writer = new LedgerWriter(_letters.Store.Db))
        {
            await using var channel = Channel(server, writer, 1);
            await channel.DeliverAsync(SmtpTestLetters.Letter(1, pdf, sha), CancellationToken.None);
            await channel.CompleteAsync(CancellationToken.None).WaitAsync(Patience);
        }

        // The connection was dropped mid-body: whatever the server got never reached the closing boundary or the dot.
        Assert.All(server.Messages, m => Assert.DoesNotMatch("--=_m[0-9a-f]+--", m));
        Assert.Empty(_letters.Store.Db.Ledger.Where(e => e.Kind == LedgerEventKind.EmailAccepted));
        var deferred = Assert.IsType<EmailDeferred>(_letters.Store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailDeferred).ReadEvent());
        Assert.Contains("PDF changed", deferred.Reason, StringComparison.Ordinal);
    }
}
