using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary><c>notices print</c>: the campaign's sealed batches to a CUPS queue, each job followed to its end.</summary>
public static class PrintCommand
{
    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        var printOptions = new PrintCliOptions(printerRequired: true);
        var batch = new Option<int?>("--batch") { Description = "Print batch N (batch-000N.pdf or batch-000N-large.pdf) again on purpose; the ledger then shows both jobs." };
        var command = new Command("print",
            "Print the campaign's sealed batches that are not printed yet on a CUPS queue (over IPP), and follow each job until "
            + "CUPS reports it completed, canceled or aborted, or until --print-timeout. Every step goes into the ledger "
            + "(PrintSubmitted with the CUPS job id, then PrintCompleted or PrintFailed). A batch is never printed twice "
            + "unless --batch asks for it; a job still running is followed up, not printed again. Each job is titled with "
            + "the campaign reference and batch (e.g. \"FA830 batch-0001 [token]\") and printed duplex unless --simplex.\n\n"
            + "Example: CUPS_SERVER=localhost:631 notices print fa830-minimed-dk --printer postrum --print-timeout 15m\n\n"
            + "Exit codes: 0 every batch printed; 1 a batch file is missing or changed, or the ledger does not verify; "
            + "2 bad usage (unknown campaign or batch); 3 not everything printed: the queue is missing, stopped or not "
            + "accepting, CUPS is not reachable, a job failed, or jobs are still running after --print-timeout.")
        {
            campaign, db, output, batch,
        };
        foreach (var option in printOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var campaignId = parse.GetValue(campaign)!;
            var options = new PrintOptions
            {
                Queue = ReadQueue(parse.GetValue(printOptions.Printer)),
                OutputDirectory = parse.GetValue(output)!,
                Batch = parse.GetValue(batch) is { } n ? (n > 0 ? n : throw new UsageException("--batch must be a batch number, 1 or more.")) : null,
                Sides = printOptions.Sides(parse),
                Timeout = printOptions.Timeout(parse),
            };
            using var store = StoreSchema.OpenExisting(parse.GetValue(db)!);
            LedgerPreflight.Check(store, LedgerKey.FromEnvironment());
            if (!store.Campaigns.AsNoTracking().Any(c => c.CampaignId == campaignId))
            {
                var known = store.Campaigns.AsNoTracking().Select(c => c.CampaignId).ToList();
                throw new UsageException($"unknown campaign '{campaignId}'. Known campaigns: {(known.Count == 0 ? "none (run 'notices send' first)" : string.Join(", ", known))}.");
            }

            return await PrintStep.RunAsync(store, campaignId, options, ct);
        }));
        return command;
    }

    /// <summary>A CUPS queue name: printable, no space, slash or '#' (what lpadmin accepts).</summary>
    public static string ReadQueue(string? queue)
    {
        if (string.IsNullOrWhiteSpace(queue) || queue.Length > 127 || queue.Any(c => char.IsControl(c) || c is ' ' or '/' or '#' or '\\'))
        {
            throw new UsageException($"--printer must name a CUPS queue (no spaces, '/' or '#'), not '{queue}'.");
        }

        return queue;
    }
}
