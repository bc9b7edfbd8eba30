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
}
