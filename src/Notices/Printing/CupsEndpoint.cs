using System.Globalization;

namespace Notices.Printing;

/// <summary>
/// Where CUPS listens: <c>CUPS_SERVER</c> (CUPS's own variable, <c>host[:port]</c>, as <c>lp</c> reads it), else
/// localhost:631. A socket path (<c>/run/cups/cups.sock</c>) is not supported: IPP here goes over TCP.
/// </summary>
public sealed record CupsEndpoint(string Host, int Port)
{
    public const string Variable = "CUPS_SERVER";
    public const int DefaultPort = 631;

    public static CupsEndpoint FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <exception cref="ArgumentException">The text is not host[:port].</exception>
    public static CupsEndpoint Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new("localhost", DefaultPort);
        }

        if (text.StartsWith('/'))
        {
            throw new ArgumentException($"{Variable}={text} is a socket path; give host[:port] (e.g. localhost:631): printing talks IPP over TCP.");
        }

        var host = text;
        var port = DefaultPort;
        if (text.StartsWith('['))
        {
            // [IPv6]:port
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"{Variable}={text} is not host[:port].");
            }

            host = text[..(close + 1)];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? ParsePort(text, rest[1..]) : throw new ArgumentException($"{Variable}={text} is not host[:port].");
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = ParsePort(text, text[(colon + 1)..]);
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '@'))
        {
            throw new ArgumentException($"{Variable}={text} is not host[:port].");
        }

        return new(host, port);
    }

    public Uri HttpUri(string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{Port}{path}"));

    public string IppUri(string path) => string.Create(CultureInfo.InvariantCulture, $"ipp://{Host}:{Port}{path}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    private static int ParsePort(string text, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new ArgumentException($"{Variable}={text} has no valid port number.");
}
