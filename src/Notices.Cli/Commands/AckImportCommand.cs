using System.CommandLine;
using System.Globalization;
using Notices.Acknowledgements;
using Notices.Confirmations;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary><c>notices ack import --maildir DIR</c>: acknowledgements from patients' email replies.</summary>
public static class AckImportCommand
{
    public static Command Create()
    {
        var maildir = new Option<string>("--maildir")
        {
            Description = "Maildir that replies to svar+<letter-id>.<tag>@<reply_domain> are delivered to; the folder holding "
                + "new/ and cur/. Only read: no file is ever moved, flagged or deleted.",
            Required = true,
        };
        var db = CommonOptions.Db();
        var command = new Command("import",
            "Record patients' email replies as acknowledgements (method email). Every email 'send' makes has its own "
            + "Reply-To svar+<letter-id>.<tag>@<reply_domain> (email.reply_domain in notice.yaml), signed with the VERP key "
            + "(NOTICES_VERP_KEY, else the store's own: use the same key as 'send'). A reply delivered to such an address "
            + "with the letter's tag acknowledges that letter; a reply without one acknowledges the letter whose id "
            + "(e.g. FA830-DK-000042) is in its subject or text, but only when it comes from that letter's patient's own "
            + "email address. A reminder's id (…-R1) acknowledges its original letter. The date received is the reply's "
            + "Date (never later than its delivery). Not acknowledgements, and listed as unmatched with the reason: "
            + "auto-replies (Auto-Submitted, X-Autoreply, Precedence: bulk/junk/list/auto_reply, \"Out of office\", "
            + "\"Autosvar\", \"Fraværende\" subjects), delivery reports and bounces, messages naming no letter, forged or "
            + "foreign tags, and letter ids from a stranger's address. Importing the same Maildir again records nothing "
            + "twice. Unmatched messages are listed by file name only, never by sender.\n\n"
            + "Example:\n  notices ack import --maildir /var/mail/replies.example.com --db out/notices.db\n\n"
            + "Exit codes: 0 done (also when some messages are unmatched); 2 bad usage (not a Maildir, no store).")
        {
            maildir, db,
        };
        command.SetAction((parse, ct) => CommandRunner.Run(() => Run(parse.GetValue(maildir)!, parse.GetValue(db)!, ct)));
        return command;
    }

    public static int Run(string maildirPath, string dbPath, CancellationToken ct)
    {
        if (!MaildirFolder.IsMaildir(maildirPath))
        {
            throw new UsageException($"{maildirPath} is not a Maildir: it must hold the folders new/ and cur/.");
        }

        using var store = StoreSchema.OpenExisting(dbPath);
        // Replies may belong to any campaign: hold every campaign's ack lock (send and remind go on meanwhile).
        using var locks = CampaignRunLock.AcquireAll(store, "ack import", scope: "ack");
        LedgerGate.EnsureIntact(store, "ack import");
        var summary = new ReplyImporter(store).Import(maildirPath, ct);
        Print(summary);
        return ExitCodes.Done;
    }

    private static void Print(ReplyImportSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("ack import")
            .AddColumn("").AddColumn(new TableColumn("messages").RightAligned());
        table.AddRow("files read", N(s.FilesRead));
        table.AddRow("acknowledgements recorded", N(s.Recorded.Count));
        table.AddRow("already recorded", N(s.AlreadyRecorded.Count));
        table.AddRow(s.Unmatched.Count > 0 ? "[yellow]unmatched[/]" : "unmatched", N(s.Unmatched.Count));
        foreach (var group in s.Unmatched.GroupBy(u => u.Why).OrderBy(g => g.Key))
        {
            table.AddRow("  " + Markup.Escape(ReasonName(group.Key)), N(group.Count()));
        }

        AnsiConsole.Write(table);

        if (s.Recorded.Count > 0)
        {
            var recorded = new Table().Border(TableBorder.Simple).Title("Acknowledged by email reply")
                .AddColumn("campaign").AddColumn("letter").AddColumn("received").AddColumn("file");
            foreach (var r in s.Recorded)
            {
                recorded.AddRow(Markup.Escape(r.CampaignId), Markup.Escape(r.LetterId),
                    r.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Markup.Escape(r.FileName));
            }

            AnsiConsole.Write(recorded);
        }

        if (s.Unmatched.Count > 0)
        {
            var unmatched = new Table().Border(TableBorder.Simple).Title("[yellow]Unmatched (left in the Maildir, nothing recorded)[/]")
                .AddColumn("file").AddColumn("reason");
            foreach (var message in s.Unmatched)
            {
                unmatched.AddRow(Markup.Escape(message.FileName), Markup.Escape(message.Reason));
            }

            AnsiConsole.Write(unmatched);
        }
    }

    /// <summary>The reason's name in the counts table, e.g. "auto-reply".</summary>
    public static string ReasonName(ReplyUnmatchedReason reason) => reason switch
    {
        ReplyUnmatchedReason.Unreadable => "unreadable",
        ReplyUnmatchedReason.DeliveryReport => "delivery report",
        ReplyUnmatchedReason.AutoReply => "auto-reply",
        ReplyUnmatchedReason.NoLetter => "names no letter",
        ReplyUnmatchedReason.UnknownLetter => "unknown letter",
        ReplyUnmatchedReason.BadTag => "bad or forged tag",
        ReplyUnmatchedReason.NotThePatient => "sender not the patient",
        ReplyUnmatchedReason.Ambiguous => "several letters",
        ReplyUnmatchedReason.Refused => "refused",
        _ => reason.ToString(),
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
