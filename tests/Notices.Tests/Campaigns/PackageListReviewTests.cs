using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>Regressions from a hostile review of the package lists (serials_file and the exclusion files).</summary>
public sealed class PackageListReviewTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Yaml => Path.Combine(_dir.Path, "notice", "notice.yaml");

    private NoticePackageException Refused(string scope)
    {
        var notice = ScopedNotice.Write(_dir, scope);
        return Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(notice));
    }

    /// <summary>A blank serials_file dropped the condition, so the rule matched every serial of the model.</summary>
    [Theory]
    [InlineData("serials_file:")]
    [InlineData("serials_file: \"\"")]
    [InlineData("serials_file: \"  \"")]
    public void A_blank_serials_file_is_refused_rather_than_matching_every_serial(string key)
    {
        var ex = Refused($"""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                {key}
            """);

        var line = ScopedNotice.LineOf(Yaml, "serials_file:");
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{line}: ", problem, StringComparison.Ordinal);
        Assert.Contains("affected[1].serials_file", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exclude_serials_file:")]
    [InlineData("exclude_patients_file: \"\"")]
    public void A_blank_exclusion_file_is_refused(string key)
    {
        var ex = Refused($"""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
            {key}
            """);

        var line = ScopedNotice.LineOf(Yaml, key.Split(':')[0] + ":");
        Assert.StartsWith($"{Yaml}:{line}: ", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    /// <summary>Only the file itself was checked for a link: a linked folder inside the package led anywhere.</summary>
    [Fact]
    public void A_list_in_a_linked_folder_outside_the_package_is_refused()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        Directory.CreateDirectory(_dir.File("elsewhere"));
        File.WriteAllText(_dir.File("elsewhere/insight.csv"), "serial_number\nX1\n");
        Directory.CreateSymbolicLink(_dir.File("notice/lists"), _dir.File("elsewhere"));

        var ex = Refused("""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: lists/insight.csv
            """);

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{ScopedNotice.LineOf(Yaml, "serials_file:")}: ", problem, StringComparison.Ordinal);
        Assert.Contains("outside the notice package", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_in_a_linked_folder_inside_the_package_still_loads()
    {
        Directory.CreateDirectory(_dir.File("notice/real"));
        File.WriteAllText(_dir.File("notice/real/insight.csv"), "serial_number\nX1\n");
        Directory.CreateSymbolicLink(_dir.File("notice/lists"), "real");

        var notice = NoticePackageLoader.Load(ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: lists/insight.csv
            """));

        Assert.Equal(2, notice.Affected[0].SerialsFile!.LineOf("x1"));
    }

    /// <summary>A misspelt condition was ignored, so the rule matched every device of the model.</summary>
    [Theory]
    [InlineData("serial_range:\n      - { from: NG1000000, to: NG1199999 }", "serial_range")]
    [InlineData("lot: [L2301]", "lot")]
    [InlineData("udi: [08717648200274]", "udi")]
    [InlineData("software_maximum: 2.6A", "software_maximum")]
    [InlineData("serials: insight.csv", "serials")]
    public void A_misspelt_rule_key_is_refused_rather_than_widening_the_rule(string condition, string key)
    {
        var ex = Refused($"""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                {condition}
            """);

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{ScopedNotice.LineOf(Yaml, key + ":")}: ", problem, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_in_a_serial_range_is_refused()
    {
        var ex = Refused("""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                serial_ranges:
                  - { from: NG1000000, to: NG1199999, too: NG1299999 }
            """);

        Assert.Contains("'too'", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    /// <summary>A misspelt exclusion list was ignored, so devices already corrected got the letter again.</summary>
    [Fact]
    public void A_misspelt_exclusion_key_is_refused()
    {
        var ex = Refused("""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
            exclude_serial_file: remediated.csv
            """);

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{ScopedNotice.LineOf(Yaml, "exclude_serial_file:")}: ", problem, StringComparison.Ordinal);
        Assert.Contains("exclude_serials_file", problem, StringComparison.Ordinal);
    }

    /// <summary>Like a serial range run backwards: only devices of unknown version would match, silently.</summary>
    [Fact]
    public void A_software_min_above_software_max_is_refused()
    {
        var ex = Refused("""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                software_min: 3.0A
                software_max: 2.0A
            """);

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{ScopedNotice.LineOf(Yaml, "software_min:")}: ", problem, StringComparison.Ordinal);
        Assert.Contains("above", problem, StringComparison.Ordinal);
    }

    /// <summary>A named pipe in place of a list made plan wait forever for someone to write to it.</summary>
    [Fact]
    public async Task A_named_pipe_as_a_list_is_refused_instead_of_waiting_forever()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_dir.File("notice"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", _dir.File("notice/insight.csv")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var notice = ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight.csv
            """);
        var load = Task.Run(() => Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(notice)));

        Assert.True(await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))) == load, "the load is still waiting on the pipe");
        Assert.Contains("insight.csv", Assert.Single((await load).Problems), StringComparison.Ordinal);
    }

    /// <summary>Keys are read with case ignored, so LOTS and lots were one key given twice: the second was ignored.</summary>
    [Fact]
    public void A_rule_key_given_twice_in_another_case_is_refused()
    {
        var ex = Refused("""
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                LOTS: [L2301]
                lots: [L2302]
            """);

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"{Yaml}:{ScopedNotice.LineOf(Yaml, "lots: [L2302]")}: ", problem, StringComparison.Ordinal);
        Assert.Contains("twice", problem, StringComparison.Ordinal);
    }

    /// <summary>5,000 empty ids listed 21 lines and no word of the other 4,979.</summary>
    [Fact]
    public void Many_empty_ids_are_listed_up_to_a_limit_and_the_rest_counted()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        File.WriteAllText(_dir.File("notice/insight.csv"), "serial_number;note\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $";{i}\n")));

        var ex = Refused("""
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: insight.csv
            """);

        Assert.InRange(ex.Problems.Count, 2, 30);
        Assert.Contains(ex.Problems, p => p.Contains("more problems not listed", StringComparison.Ordinal)
            && p.Contains((5000 - ex.Problems.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
