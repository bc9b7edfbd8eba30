using System.Globalization;
using Xunit;

namespace Notices.Tests.Support;

/// <summary>Proves <see cref="SmtpSource"/> (Postfix's smtp-source, the benchmark's ceiling) against the test Postfix.</summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpSourceTests
{
    public SmtpSourceTests() => PostfixServer.EnsureRunning();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Smtp_source_delivers_every_message_of_every_session_and_reports_the_time(bool keepConnection)
    {
        var to = $"smtp-source-{Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}@patients.test";

        var run = SmtpSource.Run(messages: 12, sessions: 3, messageBytes: 5000, keepConnection: keepConnection, to: to);

        Assert.Equal(12, run.Messages);
        Assert.True(run.Elapsed > TimeSpan.Zero);
        Assert.True(run.MessagesPerSecond > 0);
        var mine = WaitForDeliveries(to, 12);
        Assert.All(mine, file => Assert.True(new FileInfo(file).Length > 5000));
        foreach (var file in mine)
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Smtp_source_against_a_closed_port_fails_with_its_own_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SmtpSource.Run(1, 1, 100, port: 9));

        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipient_refused_at_rcpt_makes_smtp_source_fail()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => SmtpSource.Run(1, 1, 100, to: PostfixServer.Greylisted451));

        Assert.Contains("451 4.7.1", error.Message, StringComparison.Ordinal);
    }

    private static List<string> WaitForDeliveries(string to, int count)
    {
        var header = "\nDelivered-To: " + to + "\n";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mine = PostfixServer.MessageFiles(PostfixServer.PatientsMaildir)
                .Where(f => File.ReadAllText(f).Contains(header, StringComparison.Ordinal))
                .ToList();
            if (mine.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, mine.Count);
                return mine;
            }

            Thread.Sleep(200);
        }
    }
}
