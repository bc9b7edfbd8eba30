using System.CommandLine;
using System.Globalization;
using Notices.Confirmations;
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
            Description = "Maildir that mail to the bounce address (bounces+<letter-id>@<bounce-domain>) is delivered to; "
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
            + "Returned to Sender') and plain bounces are matched to letters by the bounces+<letter-id>@ address and "
            + "recorded as EmailDelivered, EmailDelayed or EmailBounced (status, action, diagnostic with every address "
            + "redacted, original Message-ID, file name). A bounced letter is then sent by post: its PDF goes into a new "
            + "print batch under <out>/<campaign>/print/, unless --no-print-fallback. Messages that match no letter are "
            + "listed with the reason and left alone. Reports already imported are skipped, so importing the same "
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
        var summary = await new DsnImporter(store).ImportAsync(
            new DsnImportOptions { MaildirPath = maildirPath, OutputDirectory = outputDirectory, PrintFallback = printFallback }, ct);
        Print(summary);
        return summary.EveryBounceCovered ? ExitCodes.Done : ExitCodes.NotAllReached;
    }

    private static void Print(DsnImportSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("dsn import")
            .AddColumn("").AddColumn(new TableColumn("messages").RightAligned());
        table.AddRow("files read", N(s.FilesRead));
        table.AddRow("delivered", N(s.Delivered));
        table.AddRow("delayed", N(s.Delayed));
        table.AddRow("bounced", N(s.Bounced));
        table.AddRow("re-routed to post", N(s.Rerouted.Count));
        table.AddRow(s.NotRerouted.Count > 0 ? "[red]could not re-route[/]" : "could not re-route", N(s.NotRerouted.Count));
        table.AddRow("already imported", N(s.AlreadyImported.Count));
        table.AddRow(s.Unmatched.Count > 0 ? "[yellow]unmatched[/]" : "unmatched", N(s.Unmatched.Count));
        AnsiConsole.Write(table);

        if (s.PrintBatches.Count > 0)
        {
            AnsiConsole.MarkupLine("Print batches: " + Markup.Escape(string.Join(", ", s.PrintBatches)));
        }

        var mismatches = s.Recorded.Where(r => r.MessageIdMismatch).Select(r => r.LetterId).Distinct(StringComparer.Ordinal).ToList();
        if (mismatches.Count > 0)
        {
            AnsiConsole.MarkupLine("[yellow]Report names a Message-ID not recorded for the letter (recorded anyway):[/] "
                + Markup.Escape(string.Join(", ", mismatches)));
        }

        if (s.NotRerouted.Count > 0)
        {
            var failed = new Table().Border(TableBorder.Simple).Title("[red]Bounced, not re-routed (patient not reached)[/]")
                .AddColumn("campaign").AddColumn("letter").AddColumn("reason");
            foreach (var letter in s.NotRerouted)
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
