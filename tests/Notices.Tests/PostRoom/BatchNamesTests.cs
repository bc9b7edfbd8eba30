using Notices.PostRoom;
using Xunit;

namespace Notices.Tests.PostRoom;

public sealed class BatchNamesTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("0001", 1)]
    [InlineData(" 12 ", 12)]
    [InlineData("batch-0003.pdf", 3)]
    [InlineData("BATCH-0003.PDF", 3)]
    [InlineData("batch-0003", 3)]
    [InlineData("batch-0003-large.pdf", 3)]
    [InlineData("12345", 12345)]
    public void A_number_or_a_file_name_gives_the_batch_number(string given, int expected)
    {
        Assert.True(BatchNames.TryParse(given, out var number));
        Assert.Equal(expected, number);
    }

    [Fact]
    public void A_number_names_a_large_print_batch_too_since_both_kinds_share_one_numbering()
    {
        string[] batches = ["batch-0001.pdf", "batch-0002-large.pdf", "batch-0003.pdf"];

        Assert.Equal("batch-0002-large.pdf", BatchNames.Resolve(2, batches));
        Assert.Equal("batch-0003.pdf", BatchNames.Resolve(3, batches));
        Assert.Null(BatchNames.Resolve(4, batches));
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
