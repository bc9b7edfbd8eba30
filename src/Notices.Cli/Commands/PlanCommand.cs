using System.CommandLine;
using Notices.Campaigns;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class PlanCommand
{
    public static Command Create()
    {
        var notice = CommonOptions.NoticeDir();
        var db = CommonOptions.Db();
        var all = new Option<bool>("--all") { Description = "List every letter, not only the first 50." };
        var explain = new Option<string?>("--explain")
        {
            Description = "Explain one patient (by patient id, or by a device's serial number): each device, the rule that matched "
                + "it or why none did, the exclusions applied, and whether a letter goes out.",
        };
        var command = new Command("plan",
            "Show who a notice affects, by which channel each letter goes, and the problems to look at "
            + "(unreachable patients, unknown software versions, lots or UDI-DIs, unusable emails, adjusted addresses, characters the "
            + "letter font cannot print, post letters too thick for the envelope). Sends nothing.")
        {
            notice, db, all, explain,
        };
        command.SetAction(parse => CommandRunner.Run(() => parse.GetValue(explain) is { } id
            ? Explain(parse.GetValue(notice)!, parse.GetValue(db)!, id)
            : Run(parse.GetValue(notice)!, parse.GetValue(db)!, parse.GetValue(all))));
        return command;
    }

    public static int Run(string noticeDir, string dbPath, bool listAll)
    {
        using var db = StoreSchema.OpenExisting(dbPath);
        var review = PlanReviewer.Review(db, noticeDir);
        var plan = review.Plan;
        Print(review, listAll);
        return plan.Letters.Count == 0 && plan.PatientsScanned == 0 ? ExitCodes.BadInput : ExitCodes.Done;
    }

    public static int Explain(string noticeDir, string dbPath, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new UsageException("--explain needs a patient id or a serial number.");
        }

        using var db = StoreSchema.OpenExisting(dbPath);
        var notice = NoticePackageLoader.Load(noticeDir);
        var explanations = new MatchExplainer(new StorePatientRecordSource(db), new StoreLetterIdRegistry(db)).Explain(notice, id);
        if (explanations.Count == 0)
        {
            throw new UsageException($"'{id.Trim()}' is neither a patient id nor a device serial number in the store {dbPath}.");
        }

        PlanExplainPrinter.Print(Console.Out, notice, id.Trim(), explanations);
        return ExitCodes.Done;
    }

    public static void Print(PlanReview review, bool listAll)
    {
        var plan = review.Plan;
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[bold]{review.Notice.Title}[/] {review.Notice.Reference} – campaign [bold]{review.Notice.Id}[/]");
        if (plan.PatientsScanned == 0)
        {
            CommandRunner.Error("the store holds no patients; run 'notices import' first.");
            return;
        }

        var summary = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        summary.AddRow("patients in store", Num(plan.PatientsScanned));
        summary.AddRow("affected patients (letters)", Num(plan.Letters.Count));
        summary.AddRow("affected devices", Num(plan.AffectedDeviceCount));
        if (review.Notice.Exclusions.Serials is not null)
        {
            summary.AddRow(Markup.Escape($"devices excluded ({review.Notice.Exclusions.Serials.Name})"), Num(plan.ExcludedDevices));
        }

        if (review.Notice.Exclusions.Patients is not null)
        {
            summary.AddRow(Markup.Escape($"patients excluded ({review.Notice.Exclusions.Patients.Name})"), Num(plan.ExcludedPatients));
        }

        summary.AddRow("by email", Num(plan.Count(DeliveryChannelKind.Email)));
        summary.AddRow("by post", Num(plan.Count(DeliveryChannelKind.Post)));
        summary.AddRow(plan.Count(DeliveryChannelKind.Unreachable) > 0 ? "[red]unreachable[/]" : "unreachable", Num(plan.Count(DeliveryChannelKind.Unreachable)));
        var unprintable = review.Problems.Where(p => p.Kind == PlanProblemKind.MissingGlyph).Select(p => p.LetterId).Distinct(StringComparer.Ordinal).Count();
        summary.AddRow(unprintable > 0 ? "[red]cannot be printed (missing glyphs)[/]" : "cannot be printed (missing glyphs)", Num(unprintable));
        var envelope = review.Notice.Envelope;
        summary.AddRow(Markup.Escape($"envelope {envelope.Name}, capacity (sheets)"), Num(envelope.CapacitySheets));
        var over = review.Problems.Count(p => p.Kind == PlanProblemKind.OverCapacity);
        summary.AddRow(over > 0 ? "[yellow]post letters over envelope capacity[/]" : "post letters over envelope capacity", Num(over));
        AnsiConsole.Write(summary);

        var letters = new Table().Border(TableBorder.Simple)
            .AddColumn("letter").AddColumn("patient").AddColumn("channel").AddColumn(new TableColumn("devices").RightAligned()).AddColumn("note");
        var shown = listAll ? plan.Letters : plan.Letters.Take(50).ToList();
        foreach (var letter in shown)
        {
            letters.AddRow(
                Markup.Escape(letter.LetterId),
                Markup.Escape(letter.Recipient.PatientId),
                ChannelText(letter.Channel),
                Num(letter.Devices.Count),
                Markup.Escape(letter.ChannelNote ?? ""));
        }

        AnsiConsole.Write(letters);
        if (shown.Count < plan.Letters.Count)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]… {plan.Letters.Count - shown.Count} more letters; use --all to list them.[/]");
        }

        if (review.Problems.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]No problems found.[/]");
            return;
        }

        var problems = new Table().Border(TableBorder.Simple).Title("[yellow]Problems[/]")
            .AddColumn("kind").AddColumn("patient").AddColumn("letter").AddColumn("detail");
        foreach (var p in review.Problems.OrderBy(p => p.Kind).ThenBy(p => p.LetterId, StringComparer.Ordinal))
        {
            problems.AddRow(KindText(p.Kind), Markup.Escape(p.PatientId), Markup.Escape(p.LetterId), Markup.Escape(p.Message));
        }

        AnsiConsole.Write(problems);
    }

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ChannelText(DeliveryChannelKind channel) => channel switch
    {
        DeliveryChannelKind.Email => "email",
        DeliveryChannelKind.Post => "post",
        _ => "[red]unreachable[/]",
    };

    private static string KindText(PlanProblemKind kind) => kind switch
    {
        PlanProblemKind.Unreachable => "[red]unreachable[/]",
        PlanProblemKind.VersionUnknown => "[yellow]version unknown[/]",
        PlanProblemKind.EmailNotUsable => "[yellow]email not usable[/]",
        PlanProblemKind.MissingGlyph => "[red]missing glyph[/]",
        PlanProblemKind.ControlCharacters => "[yellow]control characters[/]",
        PlanProblemKind.OverCapacity => "[yellow]over envelope capacity[/]",
        PlanProblemKind.LotUnknown => "[yellow]lot unknown[/]",
        PlanProblemKind.UdiDiUnknown => "[yellow]UDI-DI unknown[/]",
        _ => "[yellow]address adjusted[/]",
    };
}
