using Notices.Campaigns;
using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

public sealed class LetterTextTests
{
    [Theory]
    [InlineData("Anne\tMarie", "Anne Marie")]
    [InlineData("Anne\r\nMarie", "Anne Marie")]
    [InlineData("Anne\nMarie", "Anne Marie")]
    [InlineData("Anne\0Marie", "Anne Marie")]
    [InlineData("Anne\u2028Marie\u2029", "Anne Marie")]
    [InlineData("\tAnne \t Marie\r\n", "Anne Marie")]
    [InlineData("Anne\u0085\u001FMarie", "Anne Marie")]
    public void Control_characters_and_line_separators_become_one_space(string value, string expected)
    {
        Assert.True(LetterText.NeedsCleaning(value));
        Assert.Equal(expected, LetterText.Clean(value));
    }

    [Theory]
    [InlineData("Zoë  Ødegård-Nguyễn")]
    [InlineData("李 Wang")]
    [InlineData("𝖠nne")]
    [InlineData(" spaced ")]
    public void Text_without_control_characters_is_returned_as_it_is(string value)
    {
        Assert.False(LetterText.NeedsCleaning(value));
        Assert.Same(value, LetterText.Clean(value));
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        Assert.Equal("A\uFFFDB", LetterText.Clean("A\uD800B"));
        Assert.Equal("A\uFFFD", LetterText.Clean("A\uDC00"));
    }

    [Fact]
    public void Every_recipient_and_device_field_of_a_letter_is_cleaned_and_a_clean_letter_is_not_copied()
    {
        var recipient = LetterTestData.Recipient(firstName: "A\tB", lastName: "C\nD", addressLine1: "E\0F", addressLine2: "G\rH", postalCode: "80\t00", city: "I\u2028J") with
        {
            PatientId = "P\t1",
            Email = "x\n@example.com",
            Country = "D\tK",
        };
        var letter = LetterTestData.Letter(recipient, [new AffectedDevice("M\t1", "M\t2", "S\t3", "V\t4", VersionUnknown: false)]);

        var clean = LetterText.Clean(letter);

        Assert.All(LetterText.Fields(clean), f => Assert.False(LetterText.NeedsCleaning(f.Value), f.Field));
        Assert.Equal("A B", clean.Recipient.FirstName);
        Assert.Equal("I J", clean.Recipient.City);
        Assert.Equal("S 3", clean.Devices[0].SerialNumber);
        Assert.Equal(letter.LetterId, clean.LetterId);
        var plain = LetterTestData.Letter();
        Assert.Same(plain, LetterText.Clean(plain));
    }
}
