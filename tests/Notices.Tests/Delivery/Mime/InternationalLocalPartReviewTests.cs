using Notices.Delivery.Mime;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>
/// Review of MailboxAddress's SMTPUTF8 local parts. Its comment says '"ø" typed as o + combining stroke is the same
/// mailbox as the precomposed letter', but NFC does not compose o + U+0338 (ø, U+00F8, has no canonical decomposition),
/// so the two spellings stay two addresses. And combining marks are accepted anywhere, even with no letter to carry
/// them, so an invisible or zalgo local part passes as "letters".
/// </summary>
public sealed class InternationalLocalPartReviewTests
{
    [Fact]
    public void A_letter_typed_with_a_combining_mark_is_the_precomposed_letter_where_unicode_composes_it()
    {
        // e + U+0301 is é (NFC); o + U+0338 is not ø (ø has no decomposition), so that spelling stays as typed.
        Assert.Equal("rené@example.dk", MailboxAddress.Parse("rene\u0301@example.dk").Address);
        Assert.Equal("jo\u0338rgen@example.dk", MailboxAddress.Parse("jo\u0338rgen@example.dk").Address);
    }

    [Theory]
    [InlineData("\u0301\u0301@example.dk")]          // nothing but combining marks
    [InlineData("a.\u0338b@example.dk")]             // a mark right after a dot, on no letter
    [InlineData("\u0338jorgen@example.dk")]          // a mark at the start
    public void A_combining_mark_without_a_letter_to_carry_it_is_refused(string address)
    {
        Assert.False(MailboxAddress.IsValid(address), address);
    }
}
