using System.Globalization;
using System.Net.Mail;
using Xunit;

namespace Notices.Tests.Support;

/// <summary>
/// Proves <see cref="PostfixLog"/> against the real log, /var/log/postfix-notices.log: a message's queue id found by
/// its Message-ID is the one Postfix wrote into the delivered message, a plain session has no TLS line, a Message-ID
/// queued twice yields both ids (a mark hides the older), and a Message-ID never sent times out.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class PostfixLogTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    public PostfixLogTests() => PostfixServer.EnsureRunning();

    [Fact]
    public void A_message_sent_to_the_plain_port_is_found_by_message_id_with_the_queue_id_of_its_received_header()
    {
        var mark = PostfixLog.Mark();
        var messageId = NewMessageId();

        Send(messageId);

        var queueId = PostfixServer.QueueIdFor(messageId, mark);
        Assert.Matches("^[0-9A-F]{6,}$", queueId);
        Assert.Null(PostfixLog.TlsLineFor(queueId, mark));
        Assert.False(PostfixServer.TlsLoggedFor(queueId));
        var file = PostfixServer.WaitForMessage(PostfixServer.PatientsMaildir, messageId, s_wait);
        var delivered = File.ReadAllText(file);
        File.Delete(file);
        Assert.Contains($"with ESMTP id {queueId}", delivered, StringComparison.Ordinal);
        Assert.Contains($"{queueId}: to=<", File.ReadAllText(PostfixServer.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_id_queued_twice_has_two_queue_ids_the_latest_wins_and_a_mark_hides_the_first()
    {
        var messageId = NewMessageId();
        var before = PostfixLog.Mark();
        Send(messageId);
        var first = PostfixLog.QueueIdFor(messageId, before);
        var between = PostfixLog.Mark();
        Send(messageId);

        var both = PostfixLog.QueueIdsFor([messageId], before)[messageId];
        Assert.Equal(2, both.Count);
        Assert.Equal(first, both[0]);
        Assert.NotEqual(both[0], both[1]);
        Assert.Equal(both[1], PostfixLog.QueueIdFor(messageId, before));
        Assert.Equal([both[1]], PostfixLog.QueueIdsFor([messageId], between)[messageId]);
        DeleteDelivered(messageId, 2);
    }

    [Fact]
    public void A_campaign_of_message_ids_is_resolved_in_one_call_with_or_without_angle_brackets()
    {
        var mark = PostfixLog.Mark();
        var ids = Enumerable.Range(0, 5).Select(_ => NewMessageId()).ToList();
        foreach (var id in ids)
        {
            Send(id);
        }

        var found = PostfixLog.QueueIdsFor([.. ids.Select(id => id.Trim('<', '>'))], mark);

        Assert.Equal(ids.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, found.Values.Select(v => Assert.Single(v)).Distinct().Count());
        foreach (var id in ids)
        {
            DeleteDelivered(id, 1);
        }
    }

    [Fact]
    public void A_message_id_that_was_never_sent_times_out_naming_it()
    {
        var messageId = NewMessageId();

        var error = Assert.Throws<TimeoutException>(
            () => PostfixLog.QueueIdFor(messageId, timeout: TimeSpan.FromSeconds(1)));

        Assert.Contains(messageId, error.Message, StringComparison.Ordinal);
        Assert.Throws<TimeoutException>(() => PostfixLog.TlsLineFor("0NOSUCHQID", timeout: TimeSpan.FromSeconds(1)));
    }

    private static string NewMessageId() =>
        $"<LOG-{Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}@bounces.example.com>";

    private static void Send(string messageId)
    {
        using var client = new SmtpClient(PostfixServer.Host, PostfixServer.Port) { Timeout = 10_000 };
        using var message = new MailMessage("notices@example.com", "log-probe@patients.test", "Log probe", "Hej");
        message.Headers["Message-ID"] = messageId;
        client.Send(message);
    }

    /// <summary>Removes this test's own deliveries from the shared Maildir (other runs may be using it).</summary>
    private static void DeleteDelivered(string messageId, int count)
    {
        for (var n = 0; n < count; n++)
        {
            File.Delete(PostfixServer.WaitForMessage(PostfixServer.PatientsMaildir, messageId, s_wait));
        }
    }
}
