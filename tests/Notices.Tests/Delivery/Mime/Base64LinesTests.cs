using System.Buffers;
using System.Text;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>The pooled, synchronously read encoder gives exactly the bytes of the framework's 76-character base64.</summary>
public sealed class Base64LinesTests
{
    private static byte[] Data(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Expected(byte[] data) =>
        data.Length == 0 ? "" : Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks) + "\r\n";

    private static async Task<byte[]> EncodeAsync(Stream source)
    {
        using var destination = new MemoryStream();
        await Base64Lines.WriteAsync(source, destination, CancellationToken.None);
        return destination.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(56)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(29_184)]
    [InlineData(29_185)]
    [InlineData(58_368)]
    [InlineData(3_000_001)]
    public async Task Output_equals_convert_with_line_breaks_and_the_predicted_length(int length)
    {
        var data = Data(length, length);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.pdf");
        await File.WriteAllBytesAsync(path, data);

        // As MimeMessage reads it: unbuffered, synchronous.
        var pdf = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false);
        byte[] encoded;
        await using (pdf)
        {
            encoded = await EncodeAsync(pdf);
        }

        Assert.Equal(Expected(data), Encoding.ASCII.GetString(encoded));
        Assert.Equal(Base64Lines.EncodedLength(length), encoded.Length);
    }

    [Fact]
    public async Task A_source_that_returns_a_few_bytes_per_read_encodes_the_same()
    {
        var data = Data(70_001, 7);
        var encoded = await EncodeAsync(new TrickleStream(data, 13));
        Assert.Equal(Expected(data), Encoding.ASCII.GetString(encoded));
    }

    [Fact]
    public async Task Pooled_buffers_dirtied_by_others_and_shared_by_concurrent_messages_leak_nothing_past_the_read()
    {
        // Return dirty buffers of the sizes the encoder rents, so it is likely to get them back.
        for (var i = 0; i < 8; i++)
        {
            var a = ArrayPool<byte>.Shared.Rent(57 * 512);
            var b = ArrayPool<byte>.Shared.Rent(78 * 512);
            Array.Fill(a, (byte)'!');
            Array.Fill(b, (byte)'!');
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }

        var inputs = Enumerable.Range(0, 32).Select(i => Data((i * 7919) % 70_000, i)).ToArray();
        var outputs = await Task.WhenAll(inputs.Select(d => Task.Run(() => EncodeAsync(new MemoryStream(d)))));
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(Expected(inputs[i]), Encoding.ASCII.GetString(outputs[i]));
        }
    }

    [Fact]
    public async Task A_cancelled_token_stops_before_anything_is_written()
    {
        using var destination = new MemoryStream();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Base64Lines.WriteAsync(new MemoryStream(Data(100_000, 1)), destination, cancelled.Token));
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task Cancelling_between_chunks_stops_the_encoding()
    {
        var data = Data(200_000, 2);
        using var cts = new CancellationTokenSource();
        var destination = new CancelAfterFirstWrite(cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Base64Lines.WriteAsync(new MemoryStream(data), destination, cts.Token));
        Assert.Equal(1, destination.Writes);
    }

    [Theory]
    [InlineData(-1000)]
    [InlineData(+57)]
    public async Task A_pdf_that_changed_length_after_the_message_was_made_is_not_written_to_the_end(int change)
    {
        using var dir = new TempDirectory();
        var (pdf, _) = TestPdfs.Create(dir.File("letter.pdf"), 2);
        var message = await MimeMessage.CreateAsync(MimeTestContent.For(pdf), CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(pdf);
        await File.WriteAllBytesAsync(pdf, change < 0 ? bytes[..^(-change)] : [.. bytes, .. new byte[change]]);

        using var destination = new MemoryStream();
        var refused = await Assert.ThrowsAsync<IOException>(() => message.WriteToAsync(destination, CancellationToken.None));
        Assert.Contains("changed", refused.Message, StringComparison.Ordinal);
        // The closing boundary never went out, so no reader takes it for a whole message.
        Assert.DoesNotContain("--=_mfixed0123--", Encoding.ASCII.GetString(destination.ToArray()), StringComparison.Ordinal);
    }

    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(step, buffer.Length)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(step, count));
    }

    private sealed class CancelAfterFirstWrite(CancellationTokenSource cts) : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            cts.Cancel();
            return base.WriteAsync(buffer, CancellationToken.None);
        }
    }
}
