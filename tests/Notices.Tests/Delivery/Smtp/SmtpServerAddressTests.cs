using Notices.Delivery.Smtp;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

public sealed class SmtpServerAddressTests
{
    [Theory]
    [InlineData("smtp://127.0.0.1:25", "127.0.0.1", 25, true)]
    [InlineData("smtp://localhost", "localhost", 25, true)]
    [InlineData("smtp://mail.example.com:587", "mail.example.com", 587, false)]
    [InlineData("SMTP://[::1]:2525", "::1", 2525, true)]
    public void Parses_host_port_and_whether_it_is_loopback(string url, string host, int port, bool loopback)
    {
        var address = SmtpServerAddress.Parse(url);

        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(loopback, address.IsLoopback);
    }

    [Theory]
    [InlineData("smtps://mail.example.com", "STARTTLS")]
    [InlineData("smtp://user:secret@mail.example.com", "NOTICES_SMTP_USER")]
    [InlineData("http://mail.example.com", "smtp://")]
    [InlineData("mail.example.com:25", "smtp://")]
    [InlineData("smtp://mail.example.com/x", "path")]
    public void Refuses_what_it_cannot_use_and_says_why(string url, string hint)
    {
        var error = Assert.Throws<FormatException>(() => SmtpServerAddress.Parse(url));

        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
