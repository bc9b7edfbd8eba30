using Notices.Confirmations;
using Xunit;

using Notices.Delivery;

namespace Notices.Tests.Confirmations;

public sealed class AddressRedactorTests
{
    [Theory]
    [InlineData("550 5.1.1 <soeren.thomsen@patients.test>: User unknown", "550 5.1.1 <redacted>: User unknown")]
    [InlineData("rfc822;karen.holm+fsn@hospital-mail.example.com", "rfc822;<redacted>")]
    [InlineData("\"Søren T\"@patients.test said no", "<redacted> said no")]
    [InlineData("mailbox full (to=ærø@øster.test), retry", "mailbox full (<redacted>), retry")]
    [InlineData("connect to mx.patients.test[192.0.2.25]:25: timed out", "connect to mx.patients.test[192.0.2.25]:25: timed out")]
    public void Every_address_becomes_redacted_and_other_text_stays(string diagnostic, string expected)
    {
        Assert.Equal(expected, AddressRedactor.Redact(diagnostic));
    }
}
