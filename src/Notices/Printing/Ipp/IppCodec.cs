using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Notices.Printing.Ipp;

/// <summary>
/// The IPP/1.1 wire format (RFC 8010, 3.1): version, code, request id, then groups of tag–name–value triples, closed
/// by end-of-attributes. A second value of the same attribute has an empty name. Document data follows the message.
/// </summary>
public static class IppCodec
{
    public static byte[] Encode(IppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        buffer.WriteByte(message.MajorVersion);
        buffer.WriteByte(message.MinorVersion);
        WriteInt16(buffer, message.Code);
        WriteInt32(buffer, message.RequestId);
        foreach (var group in message.Groups)
        {
            if ((byte)group.Tag is 0 or >= 0x10 || group.Tag == IppTag.EndOfAttributes)
            {
                throw new ArgumentException($"{group.Tag} is not a group tag", nameof(message));
            }

            buffer.WriteByte((byte)group.Tag);
            foreach (var attribute in group.Attributes)
            {
                if (attribute.Values.Count == 0)
                {
                    throw new ArgumentException($"IPP attribute '{attribute.Name}' has no value", nameof(message));
                }

                for (var i = 0; i < attribute.Values.Count; i++)
                {
                    var value = attribute.Values[i];
                    buffer.WriteByte((byte)value.Tag);
                    WriteBytes(buffer, i == 0 ? Encoding.UTF8.GetBytes(attribute.Name) : []);
                    WriteBytes(buffer, value.Bytes);
                }
            }
        }

        buffer.WriteByte((byte)IppTag.EndOfAttributes);
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a complete IPP message.</exception>
    public static IppMessage Decode(ReadOnlySpan<byte> data)
    {
        var at = 0;
        if (data.Length < 9)
        {
            throw Bad("shorter than an IPP header", 0);
        }

        var major = data[0];
        var minor = data[1];
        var code = BinaryPrimitives.ReadInt16BigEndian(data[2..]);
        var requestId = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        at = 8;
        var groups = new List<IppGroup>();
        List<IppAttribute>? attributes = null;
        IppTag groupTag = 0;
        string? name = null;
        List<IppValue>? values = null;

        void CloseAttribute()
        {
            if (name is not null)
            {
                attributes!.Add(new IppAttribute(name, values!));
                name = null;
                values = null;
            }
        }

        void CloseGroup()
        {
            CloseAttribute();
            if (attributes is not null)
            {
                groups.Add(new IppGroup(groupTag, attributes));
                attributes = null;
            }
        }

        while (true)
        {
            if (at >= data.Length)
            {
                throw Bad("ends before end-of-attributes", at);
            }

            var tag = data[at++];
            if (tag == (byte)IppTag.EndOfAttributes)
            {
                CloseGroup();
                return new IppMessage(code, requestId, groups, major, minor);
            }

            if (tag < 0x10)
            {
                CloseGroup();
                groupTag = (IppTag)tag;
                attributes = [];
                continue;
            }

            if (attributes is null)
            {
                throw Bad("a value comes before any group", at - 1);
            }

            var nameBytes = ReadBytes(data, ref at);
            var valueBytes = ReadBytes(data, ref at);
            if (nameBytes.Length > 0)
            {
                CloseAttribute();
                name = Encoding.UTF8.GetString(nameBytes);
                values = [];
            }
            else if (name is null)
            {
                throw Bad("an additional value has no attribute before it", at);
            }

            values!.Add(new IppValue((IppTag)tag, valueBytes.ToArray()));
        }
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, ref int at)
    {
        if (at + 2 > data.Length)
        {
            throw Bad("a length is cut off", at);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        at += 2;
        if (at + length > data.Length)
        {
            throw Bad($"a field of {length.ToString(CultureInfo.InvariantCulture)} bytes is cut off", at);
        }

        var bytes = data.Slice(at, length);
        at += length;
        return bytes;
    }

    private static void WriteBytes(Stream stream, byte[] bytes)
    {
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("an IPP value is longer than 65535 bytes");
        }

        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    private static void WriteInt16(Stream stream, short value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static InvalidDataException Bad(string what, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"not a valid IPP message: {what} (byte {offset})"));
}
