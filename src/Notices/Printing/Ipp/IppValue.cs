using System.Globalization;
using System.Text;

namespace Notices.Printing.Ipp;

/// <summary>One value of an attribute: its tag and its bytes as on the wire.</summary>
public sealed record IppValue(IppTag Tag, byte[] Bytes)
{
    public static IppValue Text(IppTag tag, string text) => new(tag, Encoding.UTF8.GetBytes(text));

    public static IppValue Integer(int value, IppTag tag = IppTag.Integer)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return new(tag, bytes);
    }

    public static IppValue Boolean(bool value) => new(IppTag.Boolean, [value ? (byte)1 : (byte)0]);

    public bool IsInteger => Tag is IppTag.Integer or IppTag.Enum && Bytes.Length == 4;

    public int AsInteger() => IsInteger
        ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Bytes)
        : throw new InvalidDataException($"IPP value of tag {Tag} is not an integer");

    public bool AsBoolean() => Tag == IppTag.Boolean && Bytes.Length == 1 && Bytes[0] != 0;

    /// <summary>Text of a string value; numbers as decimal; other values as their tag name.</summary>
    public override string ToString() => Tag switch
    {
        IppTag.Integer or IppTag.Enum when Bytes.Length == 4 => AsInteger().ToString(CultureInfo.InvariantCulture),
        IppTag.Boolean => AsBoolean() ? "true" : "false",
        >= IppTag.TextWithoutLanguage and <= IppTag.MemberAttrName => Encoding.UTF8.GetString(Bytes),
        IppTag.OctetString => Encoding.UTF8.GetString(Bytes),
        _ => Tag.ToString(),
    };
}
