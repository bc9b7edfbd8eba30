using System.CommandLine;
using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.PostRoom;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>notices batch posted|printed CAMPAIGN BATCH [--date D]</c>: what the post room did with a whole print batch.
/// One campaign-level ledger row each; every letter of the batch follows it.
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var batch = new Command("batch", "Record what the post room did with a print batch: 'batch printed' (printed without "
            + "notices' CUPS path) and 'batch posted' (handed to the carrier).");
        batch.Subcommands.Add(Sub("posted",
            "Record that the post room handed a print batch to the carrier: every letter in it becomes posted. The batch must "
            + "be printed first (a completed CUPS job from 'notices print', or 'notices batch printed'). An unknown batch, "
            + "a batch not printed yet, a batch already posted, or a date in the future or before the batch was made is "
            + "refused with exit 2 and nothing is recorded.\n\nExample:\n  notices batch posted fa830-minimed-dk 1 --date 2026-11-23",
            "The day the batch was handed to the carrier",
            (run, campaign, b, date) => run.Posted(campaign, b, date), "posted"));
        batch.Subcommands.Add(Sub("printed",
            "Record that the post room printed a batch PDF itself (no CUPS queue): the ledger gets a completed print job on "
            + $"the queue '{PostingRecorder.OutsideQueue}', and the batch can then be posted. A batch already printed or "
            + "posted is refused with exit 2.\n\nExample:\n  notices batch printed fa830-minimed-dk batch-0001.pdf --date 2026-11-22",
            "The day the batch was printed",
            (run, campaign, b, date) => run.Printed(campaign, b, date), "printed"));
        return batch;
    }

    private static Command Sub(string name, string help, string dateHelp, Func<PostRoomRun, string, string, DateOnly?, (string Batch, DateOnly Date)> record, string done)
    {
        var campaign = CommonOptions.CampaignId();
        var batch = new Argument<string>("BATCH") { Description = "The batch: " + BatchNames.Accepted + "." };
        var date = new Option<string?>("--date") { Description = $"{dateHelp}: {AckDates.Accepted} (default: today)." };
        var db = CommonOptions.Db();
        var command = new Command(name, help + "\n\nExit codes: 0 recorded; 1 the ledger does not verify; 2 refused (nothing recorded).")
        {
            campaign, batch, date, db,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var campaignId = parse.GetValue(campaign)!;
            var dateText = parse.GetValue(date);
            DateOnly? day = null;
            if (dateText is not null)
            {
                day = AckDates.TryParse(dateText, out var d)
                    ? d
                    : throw new UsageException($"--date must be {AckDates.Accepted}, not '{ReturnReasons.Shown(dateText)}'.");
            }

            using var store = StoreSchema.OpenExisting(parse.GetValue(db)!);
            var run = new PostRoomRun(store);
            if (!run.CampaignExists(campaignId))
            {
                throw new UsageException(ReturnedCommand.UnknownCampaign(store, campaignId));
            }

            var (recorded, on) = record(run, campaignId, parse.GetValue(batch)!, day);
            Console.WriteLine($"Recorded batch {recorded} of campaign {campaignId} as {done} on {AckDates.Iso(on)}.");
            var head = LedgerHeadSummary.Read(store);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Ledger rows: {head.RowCount}"));
            Console.WriteLine($"Ledger head: {head.Head}");
            return ExitCodes.Done;
        }));
        return command;
    }
}
