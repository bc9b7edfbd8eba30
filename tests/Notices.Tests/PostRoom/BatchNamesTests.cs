using Notices.PostRoom;
using Xunit;

namespace Notices.Tests.PostRoom;

public sealed class BatchNamesTests
{
    [Theory]
    [InlineData("1", "batch-0001.pdf")]
    [InlineData("0001", "batch-0001.pdf")]
    [InlineData(" 12 ", "batch-0012.pdf")]
    [InlineData("batch-0003.pdf", "batch-0003.pdf")]
    [InlineData("BATCH-0003.PDF", "batch-0003.pdf")]
    [InlineData("batch-0003", "batch-0003.pdf")]
    [InlineData("12345", "batch-12345.pdf")]
    public void A_number_or_a_file_name_names_the_batch_file(string given, string expected)
    {
        Assert.True(BatchNames.TryParse(given, out var batch));
        Assert.Equal(expected, batch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("x7")]
    [InlineData("batch-0001.pdf.exe")]
    [InlineData("../batch-0001.pdf")]
    [InlineData("1;DROP TABLE ledger")]
    [InlineData("１")]
    [InlineData("9999999")]
    public void Anything_else_is_refused(string given)
    {
        Assert.False(BatchNames.TryParse(given, out _));
    }

    [Fact]
    public void The_number_of_a_batch_drops_leading_zeros()
    {
        Assert.Equal("7", BatchNames.NumberOf("batch-0007.pdf"));
    }
}
