using System.Globalization;
using System.Text;

namespace Notices.Delivery.Batches;

/// <summary>
/// A small PDF tokenizer and value parser: enough for PDFsharp's output (dictionaries, arrays, names, literal strings
/// with escapes and nesting, hex strings, numbers, references, comments). Anything else throws <see cref="PdfImportException"/>.
/// </summary>
internal static class PdfParser
{
    public static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static int SkipWhite(byte[] data, int pos)
    {
        while (pos < data.Length)
        {
            if (IsWhite(data[pos]))
            {
                pos++;
            }
            else if (data[pos] == '%')
            {
                while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r')
                {
                    pos++;
                }
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    /// <summary>Reads a bare word (number or keyword) at <paramref name="pos"/>.</summary>
    public static string Word(byte[] data, ref int pos)
    {
        pos = SkipWhite(data, pos);
        var start = pos;
        while (pos < data.Length && !IsWhite(data[pos]) && !IsDelimiter(data[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            throw new PdfImportException("unexpected byte at " + start.ToString(CultureInfo.InvariantCulture));
        }

        return Encoding.Latin1.GetString(data, start, pos - start);
    }

    public static int Integer(byte[] data, ref int pos)
    {
        var word = Word(data, ref pos);
        return int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new PdfImportException("integer expected, found '" + word + "'");
    }

    public static PdfValue Value(byte[] data, ref int pos, int depth = 0)
    {
        if (depth > 64)
        {
            throw new PdfImportException("nesting too deep");
        }

        pos = SkipWhite(data, pos);
        if (pos >= data.Length)
        {
            throw new PdfImportException("unexpected end of file");
        }

        var b = data[pos];
        if (b == '/')
        {
            var start = pos++;
            while (pos < data.Length && !IsWhite(data[pos]) && !IsDelimiter(data[pos]))
            {
                pos++;
            }

            return new PdfValue.Atom(Encoding.Latin1.GetString(data, start, pos - start));
        }

        if (b == '<' && pos + 1 < data.Length && data[pos + 1] == '<')
        {
            pos += 2;
            var entries = new List<KeyValuePair<string, PdfValue>>();
            while (true)
            {
                pos = SkipWhite(data, pos);
                if (pos + 1 < data.Length && data[pos] == '>' && data[pos + 1] == '>')
                {
                    pos += 2;
                    return new PdfValue.Dict(entries);
                }

                if (Value(data, ref pos, depth + 1) is not PdfValue.Atom { IsName: true } key)
                {
                    throw new PdfImportException("dictionary key is not a name");
                }

                entries.Add(new(key.Raw, Value(data, ref pos, depth + 1)));
            }
        }

        if (b == '<')
        {
            var end = Array.IndexOf(data, (byte)'>', pos);
            if (end < 0)
            {
                throw new PdfImportException("unterminated hex string");
            }

            var raw = Encoding.Latin1.GetString(data, pos, end + 1 - pos);
            pos = end + 1;
            return new PdfValue.Atom(raw);
        }

        if (b == '[')
        {
            pos++;
            var items = new List<PdfValue>();
            while (true)
            {
                pos = SkipWhite(data, pos);
                if (pos < data.Length && data[pos] == ']')
                {
                    pos++;
                    return new PdfValue.Array(items);
                }

                items.Add(Value(data, ref pos, depth + 1));
            }
        }

        if (b == '(')
        {
            return new PdfValue.Atom(LiteralString(data, ref pos));
        }

        if (b is (byte)'+' or (byte)'-' or (byte)'.' || char.IsAsciiDigit((char)b))
        {
            var number = Word(data, ref pos);
            // "n g R" is a reference: look ahead without consuming anything else.
            var look = pos;
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var objNum))
            {
                look = SkipWhite(data, look);
                var genStart = look;
                while (look < data.Length && char.IsAsciiDigit((char)data[look]))
                {
                    look++;
                }

                if (look > genStart)
                {
                    var gen = int.Parse(Encoding.Latin1.GetString(data, genStart, look - genStart), CultureInfo.InvariantCulture);
                    look = SkipWhite(data, look);
                    if (look < data.Length && data[look] == 'R' && (look + 1 == data.Length || IsWhite(data[look + 1]) || IsDelimiter(data[look + 1])))
                    {
                        pos = look + 1;
                        return new PdfValue.Ref(objNum, gen);
                    }
                }
            }

            return new PdfValue.Atom(number);
        }

        var word = Word(data, ref pos);
        return word is "true" or "false" or "null"
            ? new PdfValue.Atom(word)
            : throw new PdfImportException("unexpected keyword '" + word + "'");
    }

    private static string LiteralString(byte[] data, ref int pos)
    {
        var start = pos;
        var level = 0;
        while (pos < data.Length)
        {
            var c = data[pos++];
            if (c == '\\')
            {
                pos++; // the escaped byte never opens or closes
            }
            else if (c == '(')
            {
                level++;
            }
            else if (c == ')' && --level == 0)
            {
                return Encoding.Latin1.GetString(data, start, pos - start);
            }
        }

        throw new PdfImportException("unterminated string");
    }
}
