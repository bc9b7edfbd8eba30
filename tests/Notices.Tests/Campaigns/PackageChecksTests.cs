using System.Buffers.Binary;
using System.Diagnostics;
using Notices.Campaigns;
using Notices.Tests.Letters;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>
/// What a tester found passing plan and then failing at send, now refused when the package is loaded, each as
/// <c>file:line: reason</c>: logos that cannot be drawn, logo paths outside the package, malformed addresses,
/// unescaped template output; and YAML syntax errors at their real line.
/// </summary>
public sealed class PackageChecksTests : IDisposable
{
    private const string Minimal = MinimalNotice.Yaml;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_text_file_named_logo_png_is_refused_at_the_logo_line_naming_the_file()
    {
        File.WriteAllText(_dir.File("logo.png"), "this is not an image\n");

        var problem = Assert.Single(Problems(Minimal + "logo: logo.png\n"));

        Assert.StartsWith(_dir.File("notice.yaml") + ":14: logo 'logo.png' cannot be used: the file is not a PNG or JPEG image", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_20000_by_20000_png_is_refused_by_its_header_without_decoding()
    {
        var png = PngWriter.ZeroRows(20000, 20000);
        Assert.InRange(png.Length, 100_000, 3_000_000); // small on disk, 1.2 GB of pixels
        File.WriteAllBytes(_dir.File("huge.png"), png);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var problem = Assert.Single(Problems(Minimal + "logo: huge.png\n"));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Contains(":14: logo 'huge.png' cannot be used: the image is 20000 x 20000 pixels; a logo may have at most 25 megapixels", problem, StringComparison.Ordinal);
        Assert.True(allocated < 40_000_000, $"allocated {allocated} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_png_at_the_pixel_limit_is_decoded_row_by_row_in_bounded_memory()
    {
        File.WriteAllBytes(_dir.File("big.png"), PngWriter.ZeroRows(5000, 5000)); // 25 megapixels, 75 MB of pixels

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var notice = Load(Minimal + "logo: big.png\n");
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal((5000, 5000), (notice.Logo!.PixelWidth, notice.Logo.PixelHeight));
        Assert.True(allocated < 20_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_16_bit_png_logo_is_accepted()
    {
        File.WriteAllBytes(_dir.File("logo.png"), PngWriter.Solid(40, 20, 2, 16, [65535, 0, 0]));

        var notice = Load(Minimal + "logo: logo.png\n");

        Assert.NotNull(notice.Logo);
        Assert.Equal(_dir.File("logo.png"), notice.LogoPath);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("sub/../../outside.png")]
    [InlineData("ABSOLUTE")]
    public void A_logo_outside_the_package_is_refused(string logo)
    {
        using var parent = new TempDirectory();
        var package = Path.Combine(parent.Path, "package");
        Directory.CreateDirectory(package);
        File.WriteAllBytes(Path.Combine(parent.Path, "outside.png"), PngWriter.Solid(40, 20, 2, 8, [1, 2, 3]));
        logo = logo == "ABSOLUTE" ? Path.Combine(parent.Path, "outside.png") : logo;

        var problem = Assert.Single(Problems(Minimal + $"logo: \"{logo}\"\n", package));

        Assert.Contains(":14: logo '" + logo + "' must be a file inside the notice package", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_short_png_is_refused()
    {
        var png = PngWriter.Solid(400, 200, 2, 8, [1, 2, 3]);
        File.WriteAllBytes(_dir.File("logo.png"), png[..(png.Length / 2)]);

        Assert.Contains("cut short or damaged", Assert.Single(Problems(Minimal + "logo: logo.png\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cmyk_jpeg_is_refused_saying_what_to_convert_it_to()
    {
        var jpeg = File.ReadAllBytes(LogoRenderingTests.Fixture("baseline.jpg"));
        var sof = Enumerable.Range(0, jpeg.Length - 1).First(i => jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0);
        jpeg[sof + 9] = 4; // four components: CMYK
        File.WriteAllBytes(_dir.File("logo.jpg"), jpeg);

        Assert.Contains("convert it to an RGB JPEG or a PNG", Assert.Single(Problems(Minimal + "logo: logo.jpg\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_arithmetic_coded_jpeg_is_refused()
    {
        File.Copy(LogoRenderingTests.Fixture("arithmetic.jpg"), _dir.File("logo.jpg"));

        Assert.Contains("save it as an ordinary 8-bit JPEG or as PNG", Assert.Single(Problems(Minimal + "logo: logo.jpg\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_logo_with_a_huge_width_in_a_tiny_file_is_refused_before_any_row_is_read()
    {
        var png = PngWriter.Solid(10, 10, 2, 8, [1, 2, 3]);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), int.MaxValue);
        File.WriteAllBytes(_dir.File("logo.png"), png);

        Assert.Contains("megapixels", Assert.Single(Problems(Minimal + "logo: logo.png\n")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from: \"Firma <fsn@@firma.dk>\"", "email.from")]
    [InlineData("from: ikke en adresse", "email.from")]
    [InlineData("reply_to: svar@", "email.reply_to")]
    [InlineData("reply_to: \"RA-afdelingen <svar@@example.com>\"", "email.reply_to")]
    // Addresses the MIME writer cannot put into a header (an underscore in the domain, a quoted local part).
    [InlineData("from: \"Firma <fsn@fir_ma.dk>\"", "email.from")]
    [InlineData("reply_to: '\"svar os\"@firma.dk'", "email.reply_to")]
    [InlineData("bounce_domain: \"bounces example.com\"", "email.bounce_domain")]
    public void A_malformed_email_address_is_refused_at_its_line(string line, string key)
    {
        var yaml = Minimal.Replace("  subject: Emne\n", "  subject: Emne\n  " + line + "\n", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.StartsWith(_dir.File("notice.yaml") + ":11: '" + key + "' ", problem, StringComparison.Ordinal);
        Assert.Contains(key.EndsWith("domain", StringComparison.Ordinal) ? "must be a domain name" : "is not an email address", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_email_from_the_sender_email_must_be_an_address()
    {
        var yaml = Minimal.Replace("  address: [Vej 1", "  email: firma.dk\n  address: [Vej 1", StringComparison.Ordinal);

        Assert.Contains(":6: 'sender.email' is not an email address", Assert.Single(Problems(yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_from_address_with_a_display_name_is_accepted()
    {
        var notice = Load(Minimal.Replace("  subject: Emne\n", "  subject: Emne\n  from: \"Firma A/S <fsn@firma.dk>\"\n", StringComparison.Ordinal));

        Assert.Equal("Firma A/S <fsn@firma.dk>", notice.EmailFrom);
    }

    [Fact]
    public void A_reply_to_with_a_display_name_is_accepted()
    {
        var notice = Load(Minimal.Replace("  subject: Emne\n", "  subject: Emne\n  reply_to: \"Åse Ørsted <svar@example.com>\"\n", StringComparison.Ordinal));

        Assert.Equal("Åse Ørsted <svar@example.com>", notice.EmailReplyTo);
    }

    [Fact]
    public void A_yaml_error_is_reported_at_the_line_of_the_unclosed_bracket_not_line_1()
    {
        var yaml = Minimal.Replace("address: [Vej 1, 8000 Aarhus C]", "address: [Vej 1, 8000 Aarhus C", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(yaml));

        Assert.StartsWith(_dir.File("notice.yaml") + ":6: YAML syntax error", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_error_past_line_1_keeps_its_line()
    {
        var yaml = Minimal.Replace("    name: Anne Æbelø", "    name: Anne: Æbelø", StringComparison.Ordinal);

        Assert.StartsWith(_dir.File("notice.yaml") + ":8: YAML syntax error", Assert.Single(Problems(yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_without_its_anchor_is_reported_at_the_alias()
    {
        var yaml = Minimal.Replace("    name: Anne Æbelø", "    name: *navn", StringComparison.Ordinal);

        Assert.StartsWith(_dir.File("notice.yaml") + ":8: YAML syntax error: the alias '*navn'", Assert.Single(Problems(yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens()
    {
        var yaml = Minimal.Replace("subject: Emne\nsender", "subject: \"Emne\nsender", StringComparison.Ordinal);

        Assert.StartsWith(_dir.File("notice.yaml") + ":3: YAML syntax error", Assert.Single(Problems(yaml)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("letter.md", "{{{patient.first_name}}}", "every value is escaped")]
    [InlineData("letter.md", "{{& patient.first_name}}", "every value is escaped")]
    [InlineData("email.md", "{{#each devices}}", "{{ for d in devices }}")]
    [InlineData("email.md", "{{/if}}", "{{ end }}")]
    [InlineData("reminder.md", "{{#if patient.email}}", "{{ if x }}")]
    [InlineData("reminder.md", "{{> footer}}", "cannot include")]
    [InlineData("letter.md", "{{enheder @root.devices}}", "full path")]
    public void Handlebars_syntax_is_refused_naming_file_line_column_and_the_syntax_page(string file, string tag, string advice)
    {
        File.WriteAllText(_dir.File(file), "Kære patient\n\nHej " + tag + ", læs brevet.\n");

        var problem = Assert.Single(Problems(Minimal, writeTemplates: false));

        Assert.StartsWith(_dir.File(file) + ":3:5: '" + tag + "' is Handlebars syntax", problem, StringComparison.Ordinal);
        Assert.Contains(advice, problem, StringComparison.Ordinal);
        Assert.Contains("docs/templates.md", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_Handlebars_tag_of_every_file_is_listed_at_once()
    {
        File.WriteAllText(_dir.File("letter.md"), "{{#if x}}\nA\n{{/if}}\n");
        File.WriteAllText(_dir.File("email.md"), "Hej {{{patient.name}}}\n");

        var problems = Problems(Minimal, writeTemplates: false);

        Assert.Equal([_dir.File("letter.md") + ":1:1", _dir.File("letter.md") + ":3:1", _dir.File("email.md") + ":1:5"],
            problems.Select(p => p[..p.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_fifo_as_letter_md_is_refused_without_waiting_for_a_writer()
    {
        WritePackage(_dir.Path, Minimal, writeTemplates: true);
        File.Delete(_dir.File("letter.md"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", _dir.File("letter.md")))
        {
            mkfifo.WaitForExit();
        }

        var load = Task.Run(() => Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(_dir.Path)).Problems.ToList());

        Assert.True(load.Wait(TimeSpan.FromSeconds(30)), "loading a package whose letter.md is a FIFO hung");
        Assert.StartsWith(_dir.File("letter.md") + ":1: empty, or not a regular file", Assert.Single(load.Result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_dev_zero_as_email_md_is_refused_without_reading_it()
    {
        WritePackage(_dir.Path, Minimal, writeTemplates: true);
        File.Delete(_dir.File("email.md"));
        File.CreateSymbolicLink(_dir.File("email.md"), "/dev/zero");

        var problem = Assert.Single(Problems(Minimal, writeTemplates: false));

        Assert.StartsWith(_dir.File("email.md") + ":1: a symbolic link", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_or_huge_template_is_refused()
    {
        WritePackage(_dir.Path, Minimal, writeTemplates: true);
        File.WriteAllText(_dir.File("letter.md"), "");
        File.WriteAllText(_dir.File("email.md"), new string('x', NoticePackageLoader.MaxTemplateBytes + 1));

        var problems = Problems(Minimal, writeTemplates: false);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith(_dir.File("letter.md") + ":1: empty", problems[0], StringComparison.Ordinal);
        Assert.StartsWith(_dir.File("email.md") + ":1: 1,000,001 bytes; a template may be at most 1,000,000 bytes", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_address_in_the_text_is_not_mistaken_for_Handlebars()
    {
        WritePackage(_dir.Path, Minimal, writeTemplates: true);
        File.WriteAllText(_dir.File("letter.md"), "Skriv til svar@root.example.com eller ring {{ sender.phone }}.\n");

        Assert.Contains("svar@root.example.com", NoticePackageLoader.Load(_dir.Path).LetterTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void Handlebars_syntax_in_the_email_subject_is_refused_at_its_line_in_notice_yaml()
    {
        var yaml = Minimal.Replace("  subject: Emne\n", "  subject: \"Til {{{patient.first_name}}}\"\n", StringComparison.Ordinal);

        Assert.StartsWith(_dir.File("notice.yaml") + ":10: '{{{patient.first_name}}}' is Handlebars syntax", Assert.Single(Problems(yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_right_hand_window_inside_the_page_is_accepted()
    {
        var notice = Load(Minimal + "window: { left_mm: 110, top_mm: 45, width_mm: 90, height_mm: 45 }\n");

        Assert.Equal(110, notice.Window.LeftMm);
    }

    [Theory]
    [InlineData("{ left_mm: 120, top_mm: 45, width_mm: 90, height_mm: 45 }")]
    [InlineData("{ left_mm: 20, top_mm: 260, width_mm: 90, height_mm: 45 }")]
    [InlineData("{ left_mm: 5, top_mm: 45, width_mm: 90, height_mm: 45 }")]
    public void A_window_leaving_the_page_is_refused(string window)
    {
        Assert.Contains(":14: 'window' must lie inside the A4", Assert.Single(Problems(Minimal + "window: " + window + "\n")), StringComparison.Ordinal);
    }

    private NoticePackage Load(string yaml)
    {
        WritePackage(_dir.Path, yaml, writeTemplates: true);
        return NoticePackageLoader.Load(_dir.Path);
    }

    private List<string> Problems(string yaml, string? directory = null, bool writeTemplates = true)
    {
        directory ??= _dir.Path;
        WritePackage(directory, yaml, writeTemplates);
        return Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(directory)).Problems.ToList();
    }

    private static void WritePackage(string directory, string yaml, bool writeTemplates)
    {
        File.WriteAllText(Path.Combine(directory, "notice.yaml"), yaml);
        foreach (var name in new[] { "letter.md", "email.md" })
        {
            if (writeTemplates || !File.Exists(Path.Combine(directory, name)))
            {
                File.WriteAllText(Path.Combine(directory, name), "Hej");
            }
        }
    }
}
