using System.Text;
using Notices.Printing.Ipp;
using Xunit;

namespace Notices.Tests.Printing;

public sealed class IppCodecTests
{
    [Fact]
    public void Print_job_request_is_encoded_as_RFC_8010_bytes()
    {
        var message = new IppMessage((short)IppOperation.PrintJob, 7,
        [
            new IppGroup(IppTag.OperationAttributes, [new IppAttribute("attributes-charset", IppValue.Text(IppTag.Charset, "utf-8"))]),
            new IppGroup(IppTag.JobAttributes, [IppAttribute.Keywords("sides", "one-sided")]),
        ]);

        var bytes = IppCodec.Encode(message);

        byte[] expected =
        [
            1, 1, 0, 2, 0, 0, 0, 7, // version 1.1, Print-Job, request 7
            0x01, 0x47, 0, 18, .. "attributes-charset"u8, 0, 5, .. "utf-8"u8,
            0x02, 0x44, 0, 5, .. "sides"u8, 0, 9, .. "one-sided"u8,
            0x03,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Response_with_several_values_groups_and_types_decodes_back()
    {
        var original = new IppMessage(0x0000, 42,
        [
            new IppGroup(IppTag.OperationAttributes, [new IppAttribute("status-message", IppValue.Text(IppTag.TextWithoutLanguage, "successful-ok"))]),
            new IppGroup(IppTag.JobAttributes,
            [
                new IppAttribute("job-id", IppValue.Integer(12)),
                new IppAttribute("job-state", IppValue.Integer(9, IppTag.Enum)),
                IppAttribute.Keywords("job-state-reasons", "job-completed-successfully", "job-printing"),
                new IppAttribute("job-name", IppValue.Text(IppTag.NameWithoutLanguage, "FA830 batch-0001 [ab.1] æøå")),
            ]),
            new IppGroup(IppTag.PrinterAttributes, [new IppAttribute("printer-is-accepting-jobs", IppValue.Boolean(false))]),
        ]);

        var decoded = IppCodec.Decode(IppCodec.Encode(original));

        Assert.Equal(42, decoded.RequestId);
        Assert.True(decoded.IsSuccess);
        Assert.Equal([IppTag.OperationAttributes, IppTag.JobAttributes, IppTag.PrinterAttributes], decoded.Groups.Select(g => g.Tag));
        Assert.Equal(12, decoded.Find(IppTag.JobAttributes, "job-id")!.First!.AsInteger());
        Assert.Equal(9, decoded.Find(IppTag.JobAttributes, "job-state")!.First!.AsInteger());
        Assert.Equal(["job-completed-successfully", "job-printing"], decoded.Find(IppTag.JobAttributes, "job-state-reasons")!.Values.Select(v => v.ToString()));
        Assert.Equal("FA830 batch-0001 [ab.1] æøå", decoded.Find(IppTag.JobAttributes, "job-name")!.First!.ToString());
        Assert.False(decoded.Find(IppTag.PrinterAttributes, "printer-is-accepting-jobs")!.First!.AsBoolean());
    }

    [Fact]
    public void Two_job_groups_stay_two_jobs_as_Get_Jobs_returns_them()
    {
        var original = new IppMessage(0, 1,
        [
            new IppGroup(IppTag.OperationAttributes, [new IppAttribute("attributes-charset", IppValue.Text(IppTag.Charset, "utf-8"))]),
            new IppGroup(IppTag.JobAttributes, [new IppAttribute("job-id", IppValue.Integer(1))]),
            new IppGroup(IppTag.JobAttributes, [new IppAttribute("job-id", IppValue.Integer(2))]),
        ]);

        var jobs = IppCodec.Decode(IppCodec.Encode(original)).GroupsOf(IppTag.JobAttributes).ToList();

        Assert.Equal([1, 2], jobs.Select(g => g.Find("job-id")!.First!.AsInteger()));
    }

    [Fact]
    public void Error_status_and_out_of_band_values_are_kept()
    {
        byte[] bytes =
        [
            1, 1, 0x04, 0x06, 0, 0, 0, 3,
            0x01, 0x13, 0, 13, .. "printer-state"u8, 0, 0,
            0x03,
        ];

        var decoded = IppCodec.Decode(bytes);

        Assert.Equal(IppStatusCode.ClientErrorNotFound, decoded.Status);
        Assert.False(decoded.IsSuccess);
        Assert.Equal(IppTag.NoValue, decoded.Find(IppTag.OperationAttributes, "printer-state")!.First!.Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01 01 00 00 00 00")]                               // header cut short
    [InlineData("01 01 00 00 00 00 00 01 01")]                      // no end-of-attributes
    [InlineData("01 01 00 00 00 00 00 01 01 21 00 06 6a 6f")]       // name longer than the data
    [InlineData("01 01 00 00 00 00 00 01 21 00 01 61 00 00 03")]    // a value before any group
    [InlineData("01 01 00 00 00 00 00 01 01 21 00 00 00 04 00 00 00 01 03")] // an extra value with no attribute
    [InlineData("48 54 54 50 2f 31 2e 31 20 34 30 30")]             // "HTTP/1.1 400" is not IPP
    public void Malformed_bytes_are_refused_with_InvalidDataException(string hex)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => IppCodec.Decode(bytes));
    }

    [Fact]
    public void Values_longer_than_the_length_field_are_refused_when_encoding()
    {
        var message = new IppMessage(2, 1,
            [new IppGroup(IppTag.OperationAttributes, [new IppAttribute("job-name", IppValue.Text(IppTag.NameWithoutLanguage, new string('x', 70_000)))])]);
        Assert.Throws<ArgumentException>(() => IppCodec.Encode(message));
        Assert.Equal("x", Encoding.UTF8.GetString(IppValue.Text(IppTag.Keyword, "x").Bytes));
    }
}
