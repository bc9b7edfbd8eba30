using System.Text;
using MimeKit;
using Notices.Acknowledgements;
using Notices.Confirmations;
using Notices.Delivery;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>The per-letter Reply-To address: how it is made, signed and found again.</summary>
public sealed class ReplyAddressTests
{
    private const string Campaign = "fa830-minimed-dk";
    private static readonly VerpSigner Signer = new("0123456789abcdef-reply-test-key"u8);

    private static HeaderList Headers(string block) => IncomingMail.Load(Encoding.UTF8.GetBytes(block)).Headers;

    [Fact]
    public void The_reply_address_carries_the_letter_id_and_a_16_character_tag_that_verifies()
    {
        var address = Signer.ReplyAddress(Campaign, "FA830-DK-000042", "replies.example.com");

        Assert.Matches("^svar\\+FA830-DK-000042\\.[a-z2-7]{16}@replies\\.example\\.com$", address);
        var match = ReplyAddress.Parse("\"Medtronic\" <" + address + ">");
        Assert.NotNull(match);
        Assert.Equal("FA830-DK-000042", match.LetterId);
        Assert.True(Signer.VerifyReply(Campaign, match.LetterId, match.Tag));
        // Upper-cased by some mail system on the way back: still the same tag.
        Assert.True(Signer.VerifyReply(Campaign, "FA830-DK-000042", match.Tag!.ToUpperInvariant()));
    }

    [Fact]
    public void The_reply_tag_is_not_the_bounce_tag_and_neither_verifies_as_the_other()
    {
        var bounce = Signer.Tag(Campaign, "FA830-DK-000042");
        var reply = Signer.ReplyTag(Campaign, "FA830-DK-000042");

        Assert.NotEqual(bounce, reply);
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", bounce));
        Assert.False(Signer.Verify(Campaign, "FA830-DK-000042", reply));
        Assert.True(Signer.Verify(Campaign, "FA830-DK-000042", bounce));
    }

    [Fact]
    public void Another_letters_tag_another_campaigns_tag_and_another_keys_tag_do_not_verify()
    {
        var other = Signer.ReplyTag(Campaign, "FA830-DK-000043");
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", other));
        Assert.False(Signer.VerifyReply("other-campaign", "FA830-DK-000042", Signer.ReplyTag(Campaign, "FA830-DK-000042")));
        var foreignKey = new VerpSigner("another-key-of-at-least-16-bytes"u8);
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", foreignKey.ReplyTag(Campaign, "FA830-DK-000042")));
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", "aaaaaaaaaaaaaaaa"));
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", "short"));
        Assert.False(Signer.VerifyReply(Campaign, "FA830-DK-000042", null));
    }

    [Fact]
    public void A_letter_id_that_could_end_early_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Signer.ReplyAddress(Campaign, "FA830.DK-1", "replies.example.com"));
        Assert.Throws<ArgumentException>(() => Signer.ReplyAddress(Campaign, "FA830-DK-000042", " "));
    }

    [Theory]
    [InlineData("svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com", "FA830-DK-000042", "abcdefghijklmnop")]
    [InlineData("<SVAR+fa830-dk-000042-R1.ABCDEFGHIJKLMNOP@Replies.Example.com>", "fa830-dk-000042-R1", "ABCDEFGHIJKLMNOP")]
    [InlineData("svar+FA830-DK-000042@replies.example.com", "FA830-DK-000042", null)]
    [InlineData("svar+FA830-DK-000042.@replies.example.com", "FA830-DK-000042", "")]
    public void Parse_reads_id_and_tag_as_written(string value, string id, string? tag)
    {
        var match = ReplyAddress.Parse(value);
        Assert.NotNull(match);
        Assert.Equal(id, match.LetterId);
        Assert.Equal(tag, match.Tag);
    }

    [Theory]
    [InlineData("fsn-svar@medtronic-sample.example.com")]
    [InlineData("xsvar+FA830-DK-000042.abcdefghijklmnop@replies.example.com")]
    [InlineData("svar FA830-DK-000042")]
    [InlineData("")]
    public void Parse_finds_nothing_in_other_addresses(string value) => Assert.Null(ReplyAddress.Parse(value));

    [Fact]
    public void Find_prefers_the_delivery_headers_over_To()
    {
        var headers = Headers(
            "To: svar+FA830-DK-000001.aaaaaaaaaaaaaaaa@replies.example.com\nDelivered-To: svar+FA830-DK-000002.bbbbbbbbbbbbbbbb@replies.example.com\n");
        Assert.Equal("FA830-DK-000002", ReplyAddress.Find(headers)!.LetterId);
        Assert.Null(ReplyAddress.Find(Headers("To: someone@example.com\n")));
    }
}
