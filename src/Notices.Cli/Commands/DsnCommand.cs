using System.CommandLine;
using System.Globalization;
using Notices.Confirmations;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary><c>notices dsn import</c>: delivery reports and bounces from a Maildir into the ledger.</summary>
public static class DsnCommand
{
    public static Command Create()
    {
        var dsn = new Command("dsn", "Delivery status notifications (DSNs) and bounces of the emails 'send' sent.");
        dsn.Subcommands.Add(CreateImport());
        return dsn;
    }

    private static Command CreateImport()
    {
        var maildir = new Option<string>("--maildir")
        {
            Description = "Maildir that mail to the bounce address (bounces+<letter-id>.<tag>@<bounce-domain>) is delivered to; "
                + "the folder holding new/ and cur/. Only read: no file is ever moved, flagged or deleted.",
            Required = true,
        };
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        var noFallback = new Option<bool>("--no-print-fallback")
        {
            Description = "Do not put bounced letters in a print batch; they stay Failed (and the exit code is 3).",
        };
        var command = new Command("import",
            "Read every message in the Maildir's new/ and cur/ folders and record what it says in the ledger: delivery "
            + "reports (RFC 3464, e.g. Postfix's 'Successful Mail Delivery Report', 'Delayed Mail' and 'Undelivered Mail "
            + "Returned to Sender') and plain bounces are matched to letters by the signed bounces+<letter-id>.<tag>@ "
            + "address and recorded as EmailDelivered, EmailDelayed or EmailBounced (status, action, diagnostic with every "
            + "address redacted, original Message-ID, file name). A report is recorded only when the tag is the letter's "
            + "(HMAC under NOTICES_VERP_KEY, else the store's own key: use the same key as 'send') and every Message-ID it "
            + "names was recorded for that letter. A bounced letter is then sent by post: its PDF goes into a new "
            + "print batch under <out>/<campaign>/print/, unless --no-print-fallback. Messages that match no letter "
            + "(forged or unsigned addresses included) are listed with the reason and left alone; nothing is recorded or "
            + "re-routed for them. Reports already imported are skipped, so importing the same "
            + "Maildir again records nothing twice. The Maildir is never changed: no file is moved or deleted.\n\n"
            + "Exit codes: 0 done; 2 bad usage (no Maildir, no store); 3 a bounced letter could not go by post "
            + "(no postal address, PDF missing, or --no-print-fallback): that patient is not reached.")
        {
            maildir, db, output, noFallback,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() =>
            RunAsync(parse.GetValue(maildir)!, parse.GetValue(db)!, parse.GetValue(output)!, !parse.GetValue(noFallback), ct)));
        return command;
    }

    public static async Task<int> RunAsync(string maildirPath, string dbPath, string outputDirectory, bool printFallback, CancellationToken ct)
    {
        if (!MaildirFolder.IsMaildir(maildirPath))
        {
            throw new UsageException($"{maildirPath} is not a Maildir: it must hold the folders new/ and cur/.");
        }

        using var store = StoreSchema.OpenExisting(dbPath);
        // It records for, and may post letters of, any campaign: never alongside a send of one of them.
        using var locks = CampaignRunLock.AcquireAll(store, "dsn import");
        LedgerGate.EnsureIntact(store, "dsn import");
        // Reading and recording, then re-routing: the run that owns the print channel does the second part.
        var summary = await new DsnImporter(store).ImportAsync(new DsnImportOptions { MaildirPath = maildirPath }, ct);
        var reroute = await new BounceRerouteRun(store).RunAsync(
            summary.MatchedCampaigns, new BounceRerouteOptions { OutputDirectory = outputDirectory, PrintFallback = printFallback }, ct);
        Print(summary, reroute);
        return reroute.EveryBounceCovered ? ExitCodes.Done : ExitCodes.NotAllReached;
    }

    private static void Print(DsnImportSummary s, RerouteResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("dsn import")
            .AddColumn("").AddColumn(new TableColumn("messages").RightAligned());
        table.AddRow("files read", N(s.FilesRead));
        table.AddRow("delivered", N(s.Delivered));
        table.AddRow("delayed", N(s.Delayed));
        table.AddRow("bounced", N(s.Bounced));
        table.AddRow("re-routed to post", N(r.Rerouted.Count));
        table.AddRow(r.NotRerouted.Count > 0 ? "[red]could not re-route[/]" : "could not re-route", N(r.NotRerouted.Count));
        table.AddRow("already imported", N(s.AlreadyImported.Count));
        table.AddRow(s.Unmatched.Count > 0 ? "[yellow]unmatched[/]" : "unmatched", N(s.Unmatched.Count));
        AnsiConsole.Write(table);

        if (r.PrintBatches.Count > 0)
        {
            AnsiConsole.MarkupLine("Print batches: " + Markup.Escape(string.Join(", ", r.PrintBatches)));
        }

        if (r.NotRerouted.Count > 0)
        {
            var failed = new Table().Border(TableBorder.Simple).Title("[red]Bounced, not re-routed (patient not reached)[/]")
                .AddColumn("campaign").AddColumn("letter").AddColumn("reason");
            foreach (var letter in r.NotRerouted)
            {
                failed.AddRow(Markup.Escape(letter.CampaignId), Markup.Escape(letter.LetterId), Markup.Escape(letter.Reason));
            }

            AnsiConsole.Write(failed);
        }

        if (s.Unmatched.Count > 0)
        {
            var unmatched = new Table().Border(TableBorder.Simple).Title("[yellow]Unmatched (left in the Maildir)[/]")
                .AddColumn("file").AddColumn("reason");
            foreach (var message in s.Unmatched)
            {
                unmatched.AddRow(Markup.Escape(message.FileName), Markup.Escape(message.Reason));
            }

            AnsiConsole.Write(unmatched);
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
