using Notices.Campaigns;
using Xunit;

namespace Notices.Tests.Campaigns;

public sealed class SoftwareVersionTests
{
    [Theory]
    [InlineData("2.6A", "2.10A")]
    [InlineData("2.10A", "2.10B")]
    [InlineData("2.6", "2.6A")]
    [InlineData("1.9Z", "2.0")]
    [InlineData("2.6A", "3")]
    public void Orders_numbers_numerically_then_suffix(string lower, string higher)
    {
        Assert.True(SoftwareVersion.TryParse(lower, out var a));
        Assert.True(SoftwareVersion.TryParse(higher, out var b));
        Assert.True(a! < b!, $"{lower} should be below {higher}");
        Assert.True(b! > a!);
    }

    [Theory]
    [InlineData("2.6a", "2.6A")]
    [InlineData(" v2.6A ", "2.6A")]
    public void Parses_case_and_prefix_leniently(string text, string expected)
    {
        Assert.True(SoftwareVersion.TryParse(text, out var v));
        Assert.Equal(expected, v!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ukendt")]
    [InlineData("2.6.1")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_version(string? text) => Assert.False(SoftwareVersion.TryParse(text, out _));
}
