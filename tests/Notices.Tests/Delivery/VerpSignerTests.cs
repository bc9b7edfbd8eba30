using System.Text;
using System.Text.RegularExpressions;
using Notices.Delivery;
using Notices.Model;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery;

/// <summary>The signed VERP address: bounces+&lt;letter-id&gt;.&lt;tag&gt;@&lt;bounce-domain&gt;.</summary>
public sealed class VerpSignerTests
{
    private static readonly VerpSigner s_signer = new("verp-signer-tests-key-0123456789"u8);

    [Fact]
    public void The_address_carries_a_16_character_lower_case_base32_tag_that_verifies_for_its_letter_only()
    {
        var address = s_signer.Address("fa830-minimed-dk", "FA830-DK-000042", "bounces.example.com");
        var match = Regex.Match(address, @"^bounces\+FA830-DK-000042\.(?<tag>[a-z2-7]{16})@bounces\.example\.com$");

        Assert.True(match.Success, address);
        var tag = match.Groups["tag"].Value;
        Assert.Equal(tag, s_signer.Tag("fa830-minimed-dk", "FA830-DK-000042"));
        Assert.True(s_signer.Verify("fa830-minimed-dk", "FA830-DK-000042", tag));
        // Some mail systems change the case of an address.
        Assert.True(s_signer.Verify("fa830-minimed-dk", "FA830-DK-000042", tag.ToUpperInvariant()));
        Assert.False(s_signer.Verify("fa830-minimed-dk", "FA830-DK-000043", tag));
        Assert.False(s_signer.Verify("fa999-other-dk", "FA830-DK-000042", tag));
        Assert.False(new VerpSigner("another-key-entirely-0123456789"u8).Verify("fa830-minimed-dk", "FA830-DK-000042", tag));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaa")]
    [InlineData("0000000000000000")]
    [InlineData("a.aaaaaaaaaaaaaa")]
    public void A_tag_of_the_wrong_value_or_shape_does_not_verify(string? tag) =>
        Assert.False(s_signer.Verify("fa830-minimed-dk", "FA830-DK-000042", tag));

    [Fact]
    public void Tags_differ_per_letter_and_per_campaign()
    {
        var tags = new[]
        {
            s_signer.Tag("c1", "FA830-DK-000001"), s_signer.Tag("c1", "FA830-DK-000002"), s_signer.Tag("c2", "FA830-DK-000001"),
            // NUL-separated input: no (campaign, letter) pair spells another.
            s_signer.Tag("c1F", "A830-DK-000001"),
        };

        Assert.Equal(tags.Length, tags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_letter_id_the_parser_could_not_split_and_a_short_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => s_signer.Address("c1", "FA830.DK-000001", "bounces.example.com"));
        Assert.Throws<ArgumentException>(() => s_signer.Address("c1", "FA830-DK-000001@x", "bounces.example.com"));
        Assert.Throws<ArgumentException>(() => new VerpSigner("short"u8));
    }

    [Fact]
    public void The_environment_key_wins_over_the_stored_one_and_a_short_one_is_refused_without_echoing_it()
    {
        var storedCalls = 0;
        byte[] Stored()
        {
            storedCalls++;
            return Encoding.UTF8.GetBytes("the-stores-own-secret-key-bytes!");
        }

        var fromEnvironment = VerpSigner.Create("an-operator-chosen-key-of-some-length", Stored);
        Assert.Equal(0, storedCalls);
        Assert.Equal(new VerpSigner("an-operator-chosen-key-of-some-length"u8).Tag("c1", "L-1"), fromEnvironment.Tag("c1", "L-1"));

        var fromStore = VerpSigner.Create(null, Stored);
        var fromStoreWhenEmpty = VerpSigner.Create("", Stored);
        Assert.Equal(2, storedCalls);
        Assert.Equal(new VerpSigner("the-stores-own-secret-key-bytes!"u8).Tag("c1", "L-1"), fromStore.Tag("c1", "L-1"));
        Assert.Equal(fromStore.Tag("c1", "L-1"), fromStoreWhenEmpty.Tag("c1", "L-1"));
        Assert.NotEqual(fromStore.Tag("c1", "L-1"), fromEnvironment.Tag("c1", "L-1"));

        var tooShort = Assert.Throws<InvalidOperationException>(() => VerpSigner.Create("hunter2secret", Stored));
        Assert.Contains(VerpSigner.EnvironmentVariable, tooShort.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", tooShort.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Timing cannot be measured reliably on a shared 2-core machine (an HMAC costs far more than comparing 10
    /// bytes), so this reads the source: the tag comparison goes through CryptographicOperations.FixedTimeEquals on
    /// the decoded bytes, and Verify holds no early-exit string comparison of the tag.
    /// </summary>
    [Fact]
    public void Tag_verification_compares_in_constant_time()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Notices", "Delivery", "VerpSigner.cs"));
        var verify = Regex.Match(source, @"public bool Verify\(.*?\n    \}", RegexOptions.Singleline).Value;

        Assert.NotEmpty(verify);
        Assert.Contains("CryptographicOperations.FixedTimeEquals(", verify, StringComparison.Ordinal);
        foreach (var early in new[] { "string.Equals", ".Equals(", "SequenceEqual", "== expected", "Tag(campaignId" })
        {
            Assert.DoesNotContain(early, verify, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bounce_domain_without_a_signer_is_refused_rather_than_sending_unsigned_addresses()
    {
        using var dir = new TempDirectory();
        var options = new EmailPickupOptions { PickupDirectory = dir.File("email"), FromAddress = "fsn@example.com", BounceDomain = "bounces.example.com" };

        var refused = Assert.Throws<ArgumentException>(() => new EmailPickupChannel(options, new NullLog()));
        Assert.Contains("VERP", refused.Message, StringComparison.Ordinal);
    }

    private sealed class NullLog : IDeliveryLog
    {
        public void Record(LetterEvent letterEvent)
        {
        }

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents)
        {
        }
    }
}
