using Notices.Campaigns;
using Notices.Delivery.Mime;
using Notices.Runs;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>How a run reads email.from (or sender.email) with the MIME writer's own parser.</summary>
public sealed class SenderMailboxTests
{
    private static readonly NoticePackage Sample = NoticePackageLoader.Load(RepoPaths.SampleNotice);

    [Fact]
    public void A_Danish_display_name_is_kept_and_the_address_gives_the_Message_ID_domain()
    {
        var sender = SenderMailbox.Of(Sample with { EmailFrom = "Åse Ørsted <fsn@example.com>" });

        Assert.Equal("Åse Ørsted", sender.DisplayName);
        Assert.Equal("fsn@example.com", sender.Address);
        Assert.Equal("example.com", sender.Domain);
    }

    [Fact]
    public void A_bare_address_is_sent_in_the_name_of_the_organisation()
    {
        var sender = SenderMailbox.Of(Sample with { EmailFrom = "fsn@example.com" });

        Assert.Equal(Sample.Sender.Organisation, sender.DisplayName);
        Assert.Equal("fsn@example.com", sender.Address);
        Assert.Equal("example.com", sender.Domain);
    }

    [Fact]
    public void Without_email_from_the_sender_email_is_used()
    {
        var sender = SenderMailbox.Of(Sample with { EmailFrom = null, Sender = Sample.Sender with { Email = "\"Kvalitet, A/S\" <kvalitet@example.com>" } });

        Assert.Equal("Kvalitet, A/S", sender.DisplayName);
        Assert.Equal("kvalitet@example.com", sender.Address);
    }

    [Theory]
    [InlineData("\"Firma \\\"Nord\\\" A/S\" <fsn@firma.dk>", "Firma \"Nord\" A/S", "fsn@firma.dk")]
    [InlineData("<fsn@firma.dk>", null, "fsn@firma.dk")]
    [InlineData("  Firma A/S   <fsn@æblegård.dk> ", "Firma A/S", "fsn@xn--blegrd-luad.dk")]
    public void A_mailbox_is_read_bare_or_with_a_plain_or_quoted_name(string text, string? name, string address)
    {
        var mailbox = MailboxAddress.ParseMailbox(text);

        Assert.Equal(name, mailbox.DisplayName);
        Assert.Equal(address, mailbox.Address);
    }

    [Theory]
    [InlineData("Firma <fsn@@firma.dk>")]
    [InlineData("ikke en adresse")]
    [InlineData("Firma <fsn@firma.dk> extra")]
    [InlineData("Firma \"Nord\" <fsn@firma.dk>")]
    [InlineData("\"Firma <fsn@firma.dk>")]
    [InlineData("Firma <fsn@firma.dk>>")]
    [InlineData("Firma\r\nBcc: x@y.dk <fsn@firma.dk>")]
    [InlineData("")]
    public void Anything_else_is_not_a_mailbox(string text)
    {
        Assert.False(MailboxAddress.TryParseMailbox(text, out _));
        Assert.Throws<FormatException>(() => MailboxAddress.ParseMailbox(text));
    }
}
