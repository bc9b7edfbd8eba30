namespace Notices.Records;

/// <summary>
/// Validates UTF-8 fed in pieces (a sequence may straddle two), counting lines, valid multi-byte sequences and the
/// lines that hold invalid bytes. Follows the Unicode table of well-formed sequences: no overlong forms, no
/// surrogates, nothing above U+10FFFF.
/// </summary>
internal sealed class Utf8LineValidator(int maxListed)
{
    private readonly List<CsvInvalidByte> _invalid = [];
    private int _line = 1;
    private int _lastInvalidLine;
    private int _needed;
    private byte _low = 0x80;
    private byte _high = 0xBF;
    private int _sequenceLine;
    private byte _sequenceLead;

    public int FirstMultiByteLine { get; private set; }
    public int InvalidLineCount { get; private set; }
    public IReadOnlyList<CsvInvalidByte> InvalidBytes => _invalid;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_needed == 0)
            {
                // Fast path: a run of ASCII only needs its line feeds counted.
                var run = bytes[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                var end = run < 0 ? bytes.Length : i + run;
                _line += bytes[i..end].Count((byte)'\n');
                i = end;
                if (i == bytes.Length)
                {
                    break;
                }
            }

            Step(bytes[i]);
            i++;
        }
    }

    /// <summary>Call at the end of the input: a sequence cut off there is invalid.</summary>
    public void Finish()
    {
        if (_needed > 0)
        {
            Invalid(_sequenceLine, _sequenceLead);
            _needed = 0;
        }
    }

    private void Step(byte b)
    {
        if (_needed > 0)
        {
            if (b >= _low && b <= _high)
            {
                _low = 0x80;
                _high = 0xBF;
                if (--_needed == 0 && FirstMultiByteLine == 0)
                {
                    FirstMultiByteLine = _sequenceLine;
                }

                return;
            }

            // The sequence broke off: its lead byte is the invalid one; this byte starts afresh.
            Invalid(_sequenceLine, _sequenceLead);
            _needed = 0;
            _low = 0x80;
            _high = 0xBF;
        }

        if (b < 0x80)
        {
            _line += b == (byte)'\n' ? 1 : 0;
            return;
        }

        (_needed, _low, _high) = b switch
        {
            >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
            0xE0 => (2, (byte)0xA0, (byte)0xBF),
            0xED => (2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
            0xF0 => (3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
            0xF4 => (3, (byte)0x80, (byte)0x8F),
            _ => (0, (byte)0x80, (byte)0xBF),
        };
        if (_needed == 0)
        {
            Invalid(_line, b);
            return;
        }

        _sequenceLine = _line;
        _sequenceLead = b;
    }

    private void Invalid(int line, byte value)
    {
        if (line == _lastInvalidLine)
        {
            return;
        }

        _lastInvalidLine = line;
        InvalidLineCount++;
        if (_invalid.Count < maxListed)
        {
            _invalid.Add(new CsvInvalidByte(line, value));
        }
    }
}
