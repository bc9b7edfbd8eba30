using System.CommandLine;
using System.Globalization;
using Notices.Approvals;
using Notices.Model;
using Notices.Ledger;
using Notices.PostRoom;
using Notices.Reports;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class StatusCommand
{
    private const int MaxCandidatesListed = 50;

    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var db = CommonOptions.Db();
        var command = new Command("status",
            "Show a campaign's figures from the ledger: letters per state, the effectiveness-check figures (affected, reached "
            + "by email confirmed or accepted only, by post, unreachable, failed, uncertain, acknowledged and outstanding, with "
            + "percentages), bar charts of reach by channel and of acknowledgements, the email stages and the ledger head. "
            + "Ids and counts only.\n\nExample:\n  notices status fa830-minimed-dk --db notices.db")
        {
            campaign, db,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(campaign)!, parse.GetValue(db)!)));
        return command;
    }

    public static int Run(string campaignId, string dbPath)
    {
        using var db = StoreSchema.OpenExisting(dbPath);
        var projection = Load(db, campaignId);
        var table = new Table().Border(TableBorder.Rounded).Title($"status {Markup.Escape(campaignId)}")
            .AddColumn("state").AddColumn(new TableColumn("letters").RightAligned());
        foreach (var state in Enum.GetValues<LetterDeliveryState>())
        {
            var count = projection.Counts.GetValueOrDefault(state);
            var label = state is LetterDeliveryState.Failed or LetterDeliveryState.Unreachable or LetterDeliveryState.Uncertain && count > 0 ? $"[red]{state}[/]" : state.ToString();
            table.AddRow(label, count.ToString(CultureInfo.InvariantCulture));
        }

        table.AddEmptyRow();
        table.AddRow("total", projection.Total.ToString(CultureInfo.InvariantCulture));
        table.AddRow("outstanding (not reached)", projection.Outstanding.ToString(CultureInfo.InvariantCulture));
        table.AddEmptyRow();
        table.AddRow("[bold]email[/]", "");
        var stages = projection.EmailStages;
        table.AddRow(stages[EmailStage.Sending] > 0 ? "  [red]uncertain (handed to SMTP, no answer recorded)[/]" : "  uncertain (handed to SMTP, no answer recorded)", N(stages[EmailStage.Sending]));
        table.AddRow("  written to pickup directory (.eml)", N(stages[EmailStage.Written]));
        table.AddRow("  accepted by SMTP server, no DSN yet", N(stages[EmailStage.Accepted]));
        table.AddRow("  delayed (DSN)", N(stages[EmailStage.Delayed]));
        table.AddRow("  confirmed delivered (DSN)", N(stages[EmailStage.Delivered]));
        table.AddRow(stages[EmailStage.Bounced] > 0 ? "  [red]bounced[/]" : "  bounced", N(stages[EmailStage.Bounced]));
        table.AddRow(stages[EmailStage.Failed] > 0 ? "  [red]refused or failed[/]" : "  refused or failed", N(stages[EmailStage.Failed]));
        var post = PostBreakdown.From(projection, BatchBook.Read(db, campaignId));
        AddPostRows(table, post);
        AnsiConsole.Write(table);
        var figures = EffectivenessFigures.From(projection, ReportCampaigns.Read(db, projection, ReportDays.Day(DateTimeOffset.UtcNow)));
        StatusFigures.Print(figures);
        PrintRerouteCandidates(db, projection, dbPath);
        PrintApproval(db, projection);
        PrintLedgerHead(LedgerHeadSummary.Read(db));

        // The figures are shown either way (they are what the store says), but not as if the history were sound.
        var check = LedgerVerifier.Verify(db);
        if (!check.IsValid)
        {
            CommandRunner.Error($"the ledger does not verify ({check.Reason}): the figures above rest on an edited history. Run 'notices verify'.");
            return ExitCodes.Failure;
        }

        return ExitCodes.Done;
    }

    /// <summary>The campaign's projection, or a usage error naming the campaigns the store knows.</summary>
    public static CampaignProjection Load(NoticesDbContext db, string campaignId)
    {
        if (!db.Campaigns.Any(c => c.CampaignId == campaignId))
        {
            var known = db.Campaigns.Select(c => c.CampaignId).ToList();
            throw new UsageException($"unknown campaign '{campaignId}'. Known campaigns: {(known.Count == 0 ? "none (run 'notices send' first)" : string.Join(", ", known))}.");
        }

        return LetterStateProjector.Project(db, campaignId);
    }

    /// <summary>The latest approval of the notice package, the runs with --unapproved, and letters made from another package.</summary>
    private static void PrintApproval(NoticesDbContext db, CampaignProjection projection)
    {
        var latest = RecordedApproval.Latest(db, projection.CampaignId);
        if (latest is null)
        {
            AnsiConsole.MarkupLine("[yellow]Notice package: never approved ('notices approve').[/]");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Notice package approved: sha256 {latest.Approval.PackageSha256} by {latest.Approval.By}, {latest.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC (seq {latest.Seq})");
        }

        var unapproved = RecordedApproval.Unapproved(db, projection.CampaignId);
        if (unapproved.Count > 0)
        {
            var last = unapproved[^1];
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[yellow]Runs with --unapproved: {unapproved.Count}[/] (last: {last.Run.Command}, {last.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC, package sha256 {last.Run.PackageSha256})");
        }

        var letters = projection.Letters.Concat(projection.Reminders).Where(l => l.Pages > 0).ToList();
        var other = letters.Count(l => latest is null || !string.Equals(l.PackageSha256, latest.Approval.PackageSha256, StringComparison.Ordinal));
        if (other > 0)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[yellow]Letters made from another package than the latest approved one: {other} of {letters.Count}[/] (report.csv, column package_sha256)");
        }
    }

    /// <summary>The whole store's ledger head, to pin now and check later with verify --expect-head.</summary>
    public static void PrintLedgerHead(LedgerHeadSummary head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var keyed = head.KeyId is null ? "" : ", keyed, key id " + head.KeyId;
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Ledger rows: {head.RowCount}{keyed}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Ledger head: {head.Head}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Check later:  {head.VerifyCommand}");
        if (!head.LooksIntact)
        {
            AnsiConsole.MarkupLine("[red]The recorded head and the ledger's rows disagree; run 'notices verify'.[/]");
        }
    }

    /// <summary>Post letters (originals and reminders: one envelope each) per postal state, and the batches.</summary>
    private static void AddPostRows(Table table, PostBreakdown post)
    {
        table.AddEmptyRow();
        table.AddRow("[bold]post[/] (letters, reminders included)", "");
        table.AddRow("  in a sealed batch, not printed yet", N(post.Sealed));
        table.AddRow("  sent to the printer, job not completed", N(post.Submitted));
        table.AddRow("  printed, not posted yet", N(post.Printed));
        table.AddRow("  posted", N(post.Posted));
        table.AddRow(post.Returned > 0 ? "  [red]returned (not reached)[/]" : "  returned (not reached)", N(post.Returned));
        table.AddRow("  returned, then sent by email", N(post.ReturnedThenEmailed));
        table.AddRow("  batches (printed, not posted / posted)",
            string.Create(CultureInfo.InvariantCulture, $"{post.Batches} ({post.BatchesPrinted} / {post.BatchesPosted})"));
    }

    /// <summary>Returned letters with a usable email address: ids only, and the command that re-routes them.</summary>
    private static void PrintRerouteCandidates(NoticesDbContext db, CampaignProjection projection, string dbPath)
    {
        var candidates = ReturnReroute.Candidates(db, projection);
        if (candidates.Count == 0)
        {
            return;
        }

        var notice = db.Campaigns.Where(c => c.CampaignId == projection.CampaignId).Select(c => c.NoticeDirectory).FirstOrDefault();
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[yellow]Returned letters that send can re-route by email ({candidates.Count}):[/] {string.Join(", ", candidates.Take(MaxCandidatesListed))}{(candidates.Count > MaxCandidatesListed ? " …" : "")}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Re-route them:  notices send {(string.IsNullOrEmpty(notice) ? "NOTICE_DIR" : notice)} --db {dbPath}");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
