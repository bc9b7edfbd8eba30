using System.Text;
using Notices.Acknowledgements;
using Notices.Model;
using Notices.Records;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>The acknowledgement file as Danish Excel writes it, and the rows it must refuse, each with its line.</summary>
public sealed class AckFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Utf8_with_bom_and_semicolons_gives_one_request_per_row_with_its_line()
    {
        var path = Write("svar.csv", "letter_id;received_date;method;note\r\nFA830-DK-000001;2026-11-20;post;\r\nFA830-DK-000002;2026-11-21;telefon;ringede selv\r\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = AckFile.Read(path);

        Assert.Empty(result.Problems);
        Assert.Equal(CsvTextDecoder.Utf8BomName, result.Encoding);
        Assert.Equal(';', result.Delimiter);
        Assert.Collection(result.Requests,
            r =>
            {
                Assert.Equal(("FA830-DK-000001", new DateOnly(2026, 11, 20), AckMethod.Post, 2), (r.LetterId, r.ReceivedOn, r.Method, r.Line));
                Assert.Equal(AckSource.File, r.Source);
                Assert.Null(r.Note);
            },
            r =>
            {
                Assert.Equal(("FA830-DK-000002", AckMethod.Phone, 3), (r.LetterId, r.Method, r.Line));
                Assert.Equal("ringede selv", r.Note);
            });
    }

    [Fact]
    public void Windows_1252_keeps_the_danish_letters_of_the_note()
    {
        var path = Write("ansi.csv", "Letter_ID;Received_Date;Method;Note\r\nFA830-DK-000003;01-11-2026;brev;Svar fra ægtefælle, Ærøskøbing – Å\r\n",
            CsvTextDecoder.Windows1252);

        var result = AckFile.Read(path);

        Assert.Empty(result.Problems);
        Assert.Equal(CsvTextDecoder.Windows1252Name, result.Encoding);
        var request = Assert.Single(result.Requests);
        Assert.Equal("Svar fra ægtefælle, Ærøskøbing – Å", request.Note);
        Assert.Equal(new DateOnly(2026, 11, 1), request.ReceivedOn);
    }

    [Fact]
    public void Comma_file_without_method_or_note_columns_means_post()
    {
        var path = Write("komma.csv", "received_date,letter_id\n2026-11-02,FA830-DK-000004\n2026-11-03,FA830-DK-000005\n", new UTF8Encoding(false));

        var result = AckFile.Read(path);

        Assert.Empty(result.Problems);
        Assert.Equal(',', result.Delimiter);
        Assert.All(result.Requests, r => Assert.Equal(AckMethod.Post, r.Method));
        Assert.Equal(["FA830-DK-000004", "FA830-DK-000005"], result.Requests.Select(r => r.LetterId));
    }

    [Theory]
    [InlineData("2026-11-05")]
    [InlineData("05-11-2026")]
    [InlineData("5-11-2026")]
    [InlineData("05.11.2026")]
    [InlineData("5.11.2026")]
    public void Iso_and_danish_dates_are_read_day_first(string text)
    {
        var path = Write("d.csv", $"letter_id;received_date\nFA830-DK-000001;{text}\n", new UTF8Encoding(false));
        Assert.Equal(new DateOnly(2026, 11, 5), Assert.Single(AckFile.Read(path).Requests).ReceivedOn);
    }

    [Fact]
    public void Excel_sep_line_is_skipped_and_lines_still_count_it()
    {
        var path = Write("sep.csv", "sep=;\nletter_id;received_date;method\nFA830-DK-000001;2026-11-05;web\n", new UTF8Encoding(false));
        var request = Assert.Single(AckFile.Read(path).Requests);
        Assert.Equal((AckMethod.Web, 3), (request.Method, request.Line));
    }

    [Fact]
    public void Each_bad_row_is_a_problem_at_its_line_and_good_rows_are_still_read()
    {
        var path = Write("bad.csv", string.Join("\n",
            "letter_id;received_date;method;note",
            "FA830-DK-000001;2026-11-05;post;ok",
            "FA830-DK-000002;2026-02-30;post;",
            "FA830-DK-000003;11/05/2026;post;",
            "FA830-DK-000004;2026-11-05;fax;",
            ";2026-11-05;post;",
            "FA830-DK-000006;;post;",
            "FA830-DK-000007;05-11-26;;",
            ""), new UTF8Encoding(false));

        var result = AckFile.Read(path);

        Assert.Equal(["FA830-DK-000001"], result.Requests.Select(r => r.LetterId));
        Assert.Equal(6, result.ProblemCount);
        Assert.Equal([3, 4, 5, 6, 7, 8], result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Equal("bad.csv", p.File));
        Assert.Contains("'2026-02-30' is not a date", result.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("method 'fax'", result.Problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("missing letter_id", result.Problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("missing received_date", result.Problems[4].Reason, StringComparison.Ordinal);
        Assert.Equal("bad.csv:5: method 'fax' is not one of post, email, phone, web", result.Problems[2].ToString());
    }

    [Fact]
    public void A_file_without_the_header_is_refused_at_line_1_and_no_row_is_read()
    {
        var path = Write("noheader.csv", "FA830-DK-000001;2026-11-05;post\nFA830-DK-000002;2026-11-05;post\n", new UTF8Encoding(false));

        var result = AckFile.Read(path);

        Assert.Empty(result.Requests);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("letter_id;received_date;method;note", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_with_control_characters_is_one_line_and_a_too_long_note_is_refused()
    {
        var hostile = "=HYPERLINK(\"http://evil.example\",\"klik\")\u0007 \u001b[31mrød\u202E";
        var path = Write("note.csv",
            "letter_id;received_date;note\n"
            + $"FA830-DK-000001;2026-11-05;\"{hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n"
            + $"FA830-DK-000002;2026-11-05;{new string('x', 10_240)}\n",
            new UTF8Encoding(false));

        var result = AckFile.Read(path);

        var request = Assert.Single(result.Requests);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"klik\") [31mrød", request.Note);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("10240 characters", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_with_a_stray_windows_1252_byte_is_refused_not_guessed()
    {
        var bytes = new List<byte>(new UTF8Encoding(false).GetBytes("letter_id;received_date;note\nFA830-DK-000001;2026-11-05;blåbær\nFA830-DK-000002;2026-11-05;s"));
        bytes.Add(0xF8); // 'ø' in Windows-1252
        bytes.AddRange("ren\n"u8.ToArray());
        var path = _dir.File("mixed.csv");
        File.WriteAllBytes(path, [.. bytes]);

        var result = AckFile.Read(path);

        Assert.Empty(result.Requests);
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    private string Write(string name, string text, Encoding encoding)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text, encoding);
        return path;
    }
}
