using System.Globalization;
using System.Text;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>RFC 3461 xtext: printable ASCII except '+' and '=' as is, every other byte as "+XX".</summary>
public static class Xtext
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 33 and <= 126 && b != '+' && b != '=')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('+').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
