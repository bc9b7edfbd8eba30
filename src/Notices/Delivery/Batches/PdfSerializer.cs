using System.Globalization;
using System.Text;

namespace Notices.Delivery.Batches;

/// <summary>Writes values back as PDF syntax, mapping every reference through <c>map</c>.</summary>
internal static class PdfSerializer
{
    public static void Write(Stream output, PdfValue value, Func<PdfValue.Ref, int> map)
    {
        switch (value)
        {
            case PdfValue.Atom atom:
                Ascii(output, atom.Raw);
                break;
            case PdfValue.Ref r:
                Ascii(output, map(r).ToString(CultureInfo.InvariantCulture));
                Ascii(output, " 0 R");
                break;
            case PdfValue.Array array:
                output.WriteByte((byte)'[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)' ');
                    }

                    Write(output, array.Items[i], map);
                }

                output.WriteByte((byte)']');
                break;
            case PdfValue.Dict dict:
                Ascii(output, "<<");
                foreach (var entry in dict.Entries)
                {
                    Ascii(output, entry.Key);
                    output.WriteByte((byte)' ');
                    Write(output, entry.Value, map);
                    output.WriteByte((byte)' ');
                }

                Ascii(output, ">>");
                break;
        }
    }

    public static bool ContainsRef(PdfValue value) => value switch
    {
        PdfValue.Ref => true,
        PdfValue.Array a => a.Items.Exists(ContainsRef),
        PdfValue.Dict d => d.Entries.Exists(e => ContainsRef(e.Value)),
        _ => false,
    };

    public static void Ascii(Stream output, string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        Encoding.Latin1.GetBytes(text, buffer);
        output.Write(buffer);
    }
}
