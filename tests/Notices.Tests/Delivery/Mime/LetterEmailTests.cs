using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>The one MIME writer: structure, headers, encoded words, folding, injection, streaming of the PDF.</summary>
public sealed class LetterEmailTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _pdf;

    public LetterEmailTests() => (_pdf, _) = TestPdfs.Create(_dir.File("letter.pdf"), 3);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Mixed_holds_alternative_text_then_html_and_the_pdf_base64_in_76_character_lines()
    {
        var (bytes, path) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf));
        var eml = EmlMessage.Load(path);

        Assert.StartsWith("multipart/mixed;", eml.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(["text/plain", "text/html", "application/pdf"], eml.Parts.Select(p => p.ContentType));
        Assert.Equal(File.ReadAllBytes(_pdf), eml.Attachment("application/pdf"));
        Assert.Equal("Kære Søren\n\nSe det vedhæftede brev.\n.\nMed venlig hilsen\nCamilla Sejersen\n", eml.TextPart("text/plain").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n");
        Assert.Contains("<p>Kære Søren</p>", eml.TextPart("text/html"), StringComparison.Ordinal);
        var raw = MimeTestContent.Ascii(bytes);
        Assert.Contains("Content-Type: multipart/alternative; boundary=\"=_afixed0123\"", raw, StringComparison.Ordinal);
        // The text has a line that starts with a dot, so it goes in base64 (see LetterEmail); the HTML has none.
        Assert.Contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n", raw, StringComparison.Ordinal);
        Assert.Matches("Content-Type: application/pdf;(\r\n)?[ \t]name=Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf\r\n"
            + "Content-Disposition: attachment;(\r\n)?[ \t]filename=Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n", raw);

        // 7-bit, CRLF only, the PDF in full 76-character lines but the last.
        Assert.All(bytes, b => Assert.True(b is < 0x80 and not 0));
        Assert.DoesNotMatch("\r(?!\n)|(?<!\r)\n", raw);
        var base64 = raw[(raw.LastIndexOf("base64\r\n\r\n", StringComparison.Ordinal) + 10)..raw.IndexOf("\r\n--=_mfixed0123--", StringComparison.Ordinal)].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(base64.Length > 10);
        Assert.All(base64[..^1], l => Assert.Equal(76, l.Length));
        Assert.InRange(base64[^1].Length, 4, 76);
        Assert.All(raw.Split("\r\n"), l => Assert.True(l.Length <= 78, l));
        Assert.EndsWith("\r\n--=_mfixed0123--\r\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_are_the_agreed_set_with_no_sender_and_a_culture_independent_date()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
        byte[] bytes;
        try
        {
            (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var eml = EmlMessage.Load(_dir.File("m.eml"));
        Assert.Equal(["From", "To", "Reply-To", "Subject", "Date", "Message-Id", "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Language"],
            TopHeaderNames(MimeTestContent.Ascii(bytes)));
        Assert.Equal("Medtronic Danmark <fsn@medtronic-sample.example.com>", eml.Headers["From"]);
        Assert.Equal("svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com", eml.Headers["Reply-To"]);
        Assert.Equal("Sat, 05 Dec 2026 18:20:07 +0100", eml.Headers["Date"]);
        Assert.Equal("<FA830-DK-000042.0123456789abcdef@bounces.example.com>", eml.Headers["Message-ID"]);
        Assert.Equal("auto-generated", eml.Headers["Auto-Submitted"]);
        Assert.Equal("da", eml.Headers["Content-Language"]);
        Assert.Equal("1.0", eml.Headers["MIME-Version"]);
        Assert.False(eml.Headers.ContainsKey("Sender"));
        Assert.False(eml.Headers.ContainsKey("X-Sender"));
        Assert.Equal("Søren Ærø Åkjær <soeren@example.com>", MimeWords.Decode(eml.Headers["To"]));
        Assert.Equal("Vigtig sikkerhedsmeddelelse om din insulinpumpe (ref. FA830)", eml.Headers["Subject"]);
    }

    [Theory]
    [InlineData("Æblegrød og Øresund: Åbent brev fra Ærø")]
    [InlineData("ÆØÅ æøå – “citat” € 😀 and ASCII")]
    public async Task Non_ascii_subjects_and_names_round_trip_through_encoded_words_of_at_most_75_characters(string text)
    {
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, subject: text, toName: text));
        var eml = EmlMessage.Load(_dir.File("m.eml"));

        Assert.Equal(text, MimeWords.Decode(eml.Headers["Subject"]));
        Assert.Equal(text + " <soeren@example.com>", MimeWords.Decode(eml.Headers["To"]));
        var words = Regex.Matches(HeaderBlock(bytes), @"=\?[^?]+\?[QBqb]\?[^?]*\?=").Select(m => m.Value).ToList();
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True(w.Length <= 75, w));
        // Every word decodes on its own: no UTF-8 sequence is split between two words.
        Assert.All(words, w => Assert.DoesNotContain('\uFFFD', MimeWords.Decode(w)));
    }

    [Fact]
    public async Task A_very_long_subject_and_name_fold_to_78_character_lines_and_decode_to_the_input()
    {
        var subject = string.Concat(Enumerable.Repeat("Vigtig sikkerhedsmeddelelse om din insulinpumpe – læs brevet ", 8)).Trim();
        var name = string.Concat(Enumerable.Repeat("Åse-Marie Østergård ", 10)).Trim();
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, subject: subject, toName: name));
        var eml = EmlMessage.Load(_dir.File("m.eml"));

        var lines = HeaderBlock(bytes).Split("\r\n");
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        Assert.True(lines.Count(l => l.StartsWith(' ')) > 10, "folded");
        Assert.Equal(subject, MimeWords.Decode(eml.Headers["Subject"]));
        Assert.Equal(name + " <soeren@example.com>", MimeWords.Decode(eml.Headers["To"]));
    }

    [Fact]
    public async Task A_word_longer_than_a_line_is_encoded_and_folded_so_no_line_passes_998()
    {
        var word = new string('x', 2500);
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, subject: "Se " + word));
        var eml = EmlMessage.Load(_dir.File("m.eml"));

        Assert.All(MimeTestContent.Ascii(bytes).Split("\r\n"), l => Assert.True(l.Length <= 78, l.Length.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("Se " + word, MimeWords.Decode(eml.Headers["Subject"]));
    }

    [Fact]
    public async Task Cr_lf_in_a_subject_name_or_file_name_cannot_start_a_header_and_in_an_address_is_refused()
    {
        var content = MimeTestContent.For(_pdf, subject: "Vigtigt\r\nBcc: evil@example.com", toName: "Ole\r\nBcc: evil2@example.com\nX-Evil: 1",
            fileName: "brev\r\nX-Evil: 2.pdf");
        var (bytes, _) = await MimeTestContent.Write(_dir, content);
        var raw = MimeTestContent.Ascii(bytes);

        Assert.DoesNotMatch(@"(?m)^(Bcc|X-Evil):", raw);
        Assert.All(HeaderBlock(bytes).Split("\r\n"), l => Assert.Matches(@"^([A-Za-z-]+: |[ \t])", l));
        Assert.Equal("Vigtigt Bcc: evil@example.com", MimeWords.Decode(EmlMessage.Load(_dir.File("m.eml")).Headers["Subject"]));
        Assert.EndsWith("<soeren@example.com>", EmlMessage.Load(_dir.File("m.eml")).Headers["To"], StringComparison.Ordinal);

        foreach (var bad in new[] { "a@example.com\r\nBcc: b@example.com", "a@example.com>, <b@example.com", "a b@example.com", "ikke en adresse", "a@b", "\"a\"@example.com", "a@-x.example.com" })
        {
            Assert.Throws<FormatException>(() => MailboxAddress.Parse(bad, "Ole"));
        }

        Assert.Throws<FormatException>(() => LetterEmail.Create(content with { MessageId = "<a@b>\r\nBcc: x@example.com" }));
        Assert.StartsWith("ole@xn--", MailboxAddress.Parse("ole@ærø.example.com").Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quotes_and_backslashes_in_an_ascii_name_are_escaped_inside_the_quoted_string()
    {
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, toName: "Ole \"Bo\" <x@evil.test>, Hansen\\"));

        Assert.Contains("\r\nTo: \"Ole \\\"Bo\\\" <x@evil.test>, Hansen\\\\\" <soeren@example.com>\r\n", MimeTestContent.Ascii(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_ascii_attachment_name_uses_rfc_2231_continuations_that_decode_to_the_name()
    {
        var fileName = "Vigtig-sikkerhedsmeddelelse-til-Søren-Ærø-Åkjær-om-insulinpumpen-FA830.pdf";
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, fileName: fileName));
        var raw = MimeTestContent.Ascii(bytes);

        // RFC 2231: the name travels as filename*0*=<charset>''… continuations that any reader puts back together.
        Assert.Matches(@"filename\*0\*=(utf-8|iso-8859-1)''", raw);
        Assert.DoesNotContain("Søren", raw, StringComparison.Ordinal);
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(bytes));
        Assert.Equal(fileName, Assert.Single(parsed.Attachments.OfType<MimeKit.MimePart>()).FileName);
        Assert.All(raw.Split("\r\n"), l => Assert.True(l.Length <= 78, l));
    }

    [Fact]
    public async Task The_text_goes_quoted_printable_with_lines_of_at_most_76_and_no_trailing_space_and_decodes_to_the_input()
    {
        var text = ".\n" + new string('æ', 60) + "\nslut \n" + new string('a', 200);
        var bytes = await MimeTestContent.Bytes(MimeTestContent.For(_pdf) with { TextBody = text, HtmlBody = null });
        var raw = MimeTestContent.Ascii(bytes);
        var body = raw[(raw.IndexOf("quoted-printable\r\n\r\n", StringComparison.Ordinal) + 20)..raw.IndexOf("\r\n--=_m", StringComparison.Ordinal)];

        Assert.All(body.Split("\r\n"), l => Assert.True(l.Length <= 76, l));
        Assert.DoesNotContain(body.Split("\r\n"), l => l.EndsWith(' ') || l.EndsWith('\t'));
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(bytes));
        Assert.Equal(text, parsed.TextBody.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
    }

    [Fact]
    public async Task Random_boundaries_differ_per_message_and_occur_only_as_delimiters()
    {
        var a = MimeTestContent.Ascii(await MimeTestContent.Bytes(MimeTestContent.For(_pdf) with { Boundary = null }));
        var b = MimeTestContent.Ascii(await MimeTestContent.Bytes(MimeTestContent.For(_pdf) with { Boundary = null }));
        var boundary = Regex.Match(a, "boundary=\"(=_m[0-9a-f]{24})\"").Groups[1].Value;

        Assert.NotEmpty(boundary);
        Assert.DoesNotContain(boundary, b, StringComparison.Ordinal);
        // The header parameter, the first part, the PDF part, the close: nowhere else.
        Assert.Equal(4, Regex.Matches(a, Regex.Escape(boundary)).Count);
    }

    [Fact]
    public async Task The_same_input_gives_the_same_bytes_every_time_it_is_written()
    {
        var content = MimeTestContent.For(_pdf);
        var first = await MimeTestContent.Bytes(content);
        using var email = LetterEmail.Create(content);
        using var twice = new MemoryStream();
        email.WriteTo(twice, CancellationToken.None);
        var once = twice.Length;
        email.WriteTo(twice, CancellationToken.None);

        Assert.Equal(first, await MimeTestContent.Bytes(content));
        Assert.Equal(first, twice.ToArray()[..(int)once]);
        Assert.Equal(first, twice.ToArray()[(int)once..]);
    }

    [Fact]
    public async Task A_50_MB_pdf_is_streamed_from_disk_without_growing_memory_by_its_size()
    {
        var big = _dir.File("big.pdf");
        await using (var file = File.Create(big))
        {
            var chunk = new byte[1 << 20];
            new Random(7).NextBytes(chunk);
            for (var i = 0; i < 50; i++)
            {
                await file.WriteAsync(chunk);
            }
        }

        var content = MimeTestContent.For(big);
        var counting = new CountingStream();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var email = LetterEmail.Create(content))
        {
            email.WriteTo(counting, CancellationToken.None);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(counting.Length > 68_000_000, counting.Length.ToString(CultureInfo.InvariantCulture));
        Assert.True(counting.LargestWrite <= 64 * 1024, "written in chunks: " + counting.LargestWrite.ToString(CultureInfo.InvariantCulture));
        // The encoded PDF alone is 68 MB; all other tests running at the same time stay well below the margin.
        Assert.True(allocated < 20_000_000, $"allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(-1000)]
    [InlineData(+57)]
    public void A_streamed_pdf_that_changed_length_after_the_message_was_made_is_not_written_to_the_end(int change)
    {
        // Over the in-memory limit, the PDF is read from disk on every write of the message.
        using var dir = new TempDirectory();
        var pdf = dir.File("big.pdf");
        var bytes = new byte[LetterEmail.InMemoryAttachmentLimit + 4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(pdf, bytes);
        using var email = LetterEmail.Create(MimeTestContent.For(pdf));
        File.WriteAllBytes(pdf, change < 0 ? bytes[..^(-change)] : [.. bytes, .. new byte[change]]);

        using var destination = new MemoryStream();
        var refused = Assert.Throws<AttachmentChangedException>(() => email.WriteTo(destination, CancellationToken.None));
        Assert.Contains("changed", refused.Message, StringComparison.Ordinal);
        // The closing boundary never went out, so no reader takes it for a whole message.
        Assert.DoesNotContain("--=_mfixed0123--", Encoding.ASCII.GetString(destination.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_pdf_is_read_once_so_a_later_change_on_disk_cannot_reach_the_message_and_a_changed_one_is_refused()
    {
        using var dir = new TempDirectory();
        var (pdf, sha) = TestPdfs.Create(dir.File("letter.pdf"), 2);
        var original = File.ReadAllBytes(pdf);
        using var email = LetterEmail.Create(MimeTestContent.For(pdf) with { AttachmentSha256 = sha });
        File.WriteAllBytes(pdf, original[..^1000]);

        using var destination = new MemoryStream();
        email.WriteTo(destination, CancellationToken.None);
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(destination.ToArray()));
        using var decoded = new MemoryStream();
        Assert.Single(parsed.Attachments.OfType<MimeKit.MimePart>()).Content.DecodeTo(decoded);
        Assert.Equal(original, decoded.ToArray()); // the document that was hashed, whole

        // Made now, from the changed file: refused, since its hash is not the recorded one.
        Assert.Throws<AttachmentChangedException>(() => LetterEmail.Create(MimeTestContent.For(pdf) with { AttachmentSha256 = sha }));
    }

    private static string HeaderBlock(byte[] bytes)
    {
        var raw = MimeTestContent.Ascii(bytes);
        return raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    private static List<string> TopHeaderNames(string raw) =>
        raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n")
            .Where(l => !l.StartsWith(' ')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public long Count { get; private set; }
        public int LargestWrite { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
