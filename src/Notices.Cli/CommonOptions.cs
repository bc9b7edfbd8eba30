using System.CommandLine;

namespace Notices.Cli;

/// <summary>Options several commands share, with the defaults of the CLI contract.</summary>
public static class CommonOptions
{
    public const string DefaultOut = "out";

    public static Option<string> Db() => new("--db")
    {
        Description = "SQLite store file (default: out/notices.db).",
        DefaultValueFactory = _ => Path.Combine(DefaultOut, "notices.db"),
    };

    public static Option<string> Out() => new("--out")
    {
        Description = "Output directory for letters, email, print batches and reports (default: out).",
        DefaultValueFactory = _ => DefaultOut,
    };

    public static Argument<string> CampaignId() => new("CAMPAIGN_ID")
    {
        Description = "The campaign id (the 'id' in notice.yaml), e.g. fa830-minimed-dk.",
    };

    public static Argument<string> NoticeDir() => new("NOTICE_DIR")
    {
        Description = "Notice package folder holding notice.yaml, letter.md and email.md, e.g. templates/fa830-minimed.",
    };
}
