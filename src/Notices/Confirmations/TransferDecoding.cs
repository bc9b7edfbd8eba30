namespace Notices.Confirmations;

/// <summary>Content-Transfer-Encoding: base64 and quoted-printable decoded; 7bit, 8bit, binary and unknown kept as they are.</summary>
public static class TransferDecoding
{
    public static byte[] Decode(string? encoding, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return encoding?.Trim().ToLowerInvariant() switch
        {
            "base64" => Base64(body),
            "quoted-printable" => QuotedPrintable(body),
            _ => body,
        };
    }

    /// <summary>Skips line breaks and any stray character; stops at padding; a truncated last group is dropped.</summary>
    public static byte[] Base64(ReadOnlySpan<byte> body)
    {
        var output = new List<byte>(body.Length * 3 / 4);
        var group = 0;
        var count = 0;
        foreach (var b in body)
        {
            var value = SextetOf(b);
            if (b == (byte)'=')
            {
                break;
            }

            if (value < 0)
            {
                continue;
            }

            group = (group << 6) | value;
            count++;
            if (count == 4)
            {
                output.Add((byte)(group >> 16));
                output.Add((byte)(group >> 8));
                output.Add((byte)group);
                group = 0;
                count = 0;
            }
        }

        // Two or three characters before the padding still carry one or two bytes.
        if (count == 2)
        {
            output.Add((byte)(group >> 4));
        }
        else if (count == 3)
        {
            output.Add((byte)(group >> 10));
            output.Add((byte)(group >> 2));
        }

        return [.. output];
    }

    /// <summary>RFC 2045 6.7: "=XX" is a byte, "=" at the end of a line is a soft break, trailing white space is dropped.</summary>
    public static byte[] QuotedPrintable(ReadOnlySpan<byte> body)
    {
        var output = new List<byte>(body.Length);
        var lineStart = 0;
        while (lineStart <= body.Length)
        {
            var rest = body[lineStart..];
            var newline = rest.IndexOf((byte)'\n');
            var hasBreak = newline >= 0;
            var line = hasBreak ? rest[..newline] : rest;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            while (line.Length > 0 && (line[^1] == (byte)' ' || line[^1] == (byte)'\t'))
            {
                line = line[..^1];
            }

            var soft = line.Length > 0 && line[^1] == (byte)'=';
            if (soft)
            {
                line = line[..^1];
            }

            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == (byte)'=' && i + 2 < line.Length
                    && HexOf(line[i + 1]) is var hi and >= 0 && HexOf(line[i + 2]) is var lo and >= 0)
                {
                    output.Add((byte)((hi << 4) | lo));
                    i += 2;
                }
                else
                {
                    output.Add(line[i]);
                }
            }

            if (!hasBreak)
            {
                break;
            }

            if (!soft)
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }

            lineStart += newline + 1;
        }

        return [.. output];
    }

    private static int SextetOf(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    private static int HexOf(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
