using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Acknowledgements;
using Notices.Tests.Support;

namespace Notices.Tests.PostRoom;

/// <summary>
/// A copy of a store with two sent campaigns (<see cref="AckCliFixture"/>: the sample campaign's 14 post letters are in
/// batch-0001.pdf, sealed today), and the helpers the post-room tests share.
/// </summary>
public sealed class PostRoomWorkspace : IDisposable
{
    public const string Campaign = AckCliFixture.Campaign;
    public const string OtherCampaign = AckCliFixture.OtherCampaign;
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private readonly TempDirectory _dir;

    public PostRoomWorkspace(AckCliFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _dir = fixture.Copy();
    }

    public string Path => _dir.Path;

    public string File(string name) => _dir.File(name);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, [.. args, "--db", "s.db"]);

    /// <summary>Letter ids in batch-0001.pdf of a campaign, by id (the fixture's copy holds the store, not out/).</summary>
    public IReadOnlyList<string> PostLetters(string campaign = Campaign) =>
        [.. Project(campaign).Letters.Where(l => l.Batch == "batch-0001.pdf").Select(l => l.LetterId)];

    /// <summary>An original letter that went by email.</summary>
    public string EmailLetter()
    {
        var post = PostLetters().ToHashSet(StringComparer.Ordinal);
        return Project().Letters.First(l => l.Channel == Notices.Campaigns.DeliveryChannelKind.Email && !post.Contains(l.LetterId)).LetterId;
    }

    /// <summary>batch printed + batch posted, both today, through the CLI.</summary>
    public void PrintAndPost(string campaign = Campaign)
    {
        var printed = Cli("batch", "printed", campaign, "1");
        if (printed.ExitCode != 0)
        {
            throw new InvalidOperationException(printed.All);
        }

        var posted = Cli("batch", "posted", campaign, "1");
        if (posted.ExitCode != 0)
        {
            throw new InvalidOperationException(posted.All);
        }
    }

    public string WriteFile(string name, Encoding encoding, string text)
    {
        System.IO.File.WriteAllText(_dir.File(name), text.Replace("{T}", Iso(Today), StringComparison.Ordinal), encoding);
        return name;
    }

    public CampaignProjection Project(string campaign = Campaign)
    {
        using var store = StoreSchema.OpenExisting(_dir.File("s.db"));
        return LetterStateProjector.Project(store, campaign);
    }

    public LetterStatus Letter(string letterId) =>
        Project().Letters.Concat(Project().Reminders).Single(l => l.LetterId == letterId);

    public long LedgerRows() => Scalar("SELECT COUNT(*) FROM ledger");

    public long Rows(LedgerEventKind kind) => Scalar($"SELECT COUNT(*) FROM ledger WHERE Kind = '{LedgerEventCodec.Name(kind)}'");

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("s.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
