using System.Text.Json;
using Notices.Cli;
using Notices.Letters.Fonts;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Every exception maps to an exit code and one line; unknown ones never show their message (it may quote data).</summary>
public sealed class CommandFailureTests
{
    public static TheoryData<Exception, int, string> Known => new()
    {
        { new MissingGlyphException(0x674E, FontFace.Bold, "FA830-DK-000002"), 2, "FA830-DK-000002: the character U+674E" },
        { new FileNotFoundException("gone", "/data/patients.csv"), 2, "file not found: /data/patients.csv" },
        { new DirectoryNotFoundException("Could not find a part of the path '/data/out/x'."), 2, "'/data/out/x'" },
        { new JsonException("bad", "$.Recipient", 1, 2), 1, "invalid JSON at $.Recipient" },
        { new IOException("No space left on device"), 1, "No space left on device" },
        { new OperationCanceledException(), 1, "Run the same command again" },
        { new AggregateException(new FileNotFoundException("gone", "/x.csv")), 2, "file not found: /x.csv" },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Known_exceptions_map_to_their_exit_code_and_a_line_naming_the_cause(Exception exception, int exitCode, string expected)
    {
        var failure = CommandFailure.From(exception);

        Assert.Equal(exitCode, failure.ExitCode);
        var line = Assert.Single(failure.Lines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(NullReferenceException), "a value the program expected was missing")]
    [InlineData(typeof(KeyNotFoundException), "an item looked up was not there")]
    [InlineData(typeof(ArgumentOutOfRangeException), "a position outside a list was used")]
    [InlineData(typeof(ApplicationException), "an internal error")]
    public void An_unexpected_exception_is_exit_1_with_its_plain_meaning_and_a_hint_to_rerun_but_not_its_message(Type type, string meaning)
    {
        var exception = (Exception)Activator.CreateInstance(type, "Hansen, Kastanievej 15\n   at Somewhere()")!;

        var failure = CommandFailure.From(exception);

        Assert.Equal(1, failure.ExitCode);
        var line = Assert.Single(failure.Lines);
        Assert.Contains(meaning, line, StringComparison.Ordinal);
        Assert.Contains(type.Name, line, StringComparison.Ordinal);
        Assert.Contains("run the same command again", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Hansen", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }
}
