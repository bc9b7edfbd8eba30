using System.CommandLine;
using System.Globalization;
using Notices.Campaigns;
using Notices.Letters;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class PreviewCommand
{
    public static Command Create()
    {
        var notice = CommonOptions.NoticeDir();
        var patient = new Option<string?>("--patient") { Description = "Preview the letter of this patient of the store (a patient id, as in patients.csv)." };
        var sample = new Option<bool>("--sample") { Description = "Preview the letter of a made-up patient with a device the notice's first rule affects (the default). Needs no store." };
        var largePrint = new Option<bool>("--large-print") { Description = "Make the large-print letter, whatever the patient's own setting." };
        var date = new Option<string?>("--date") { Description = "Date printed on the letter, yyyy-mm-dd, as 'send --date' (default: the notice's date, else today)." };
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        output.Description = "Output directory; the proof goes to <DIR>/<campaign>/preview/ (default: out).";
        var command = new Command("preview",
            "Write a proof of one letter, before anything is sent: the letter PDF (made exactly as 'send' makes it), PNG "
            + "images of its pages (with pdftoppm from poppler-utils, when installed) and the email's HTML body, text body "
            + "and subject. For a patient of the store (--patient ID) the letter lists that patient's affected devices as "
            + "'plan' matches them; --sample (the default) uses a made-up patient. Writes nothing to the ledger or the "
            + "store (opened read-only). Exit 2 when the patient is unknown or not affected.\n\n"
            + "Examples:\n"
            + "  notices preview templates/fa830-minimed --sample\n"
            + "  notices preview templates/fa830-minimed --patient P0002 --large-print --db out/notices.db")
        {
            notice, patient, sample, largePrint, date, db, output,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(
            parse.GetValue(notice)!, parse.GetValue(patient), parse.GetValue(sample), parse.GetValue(largePrint),
            SendCommand.ParseDate(parse.GetValue(date)), parse.GetValue(db)!, parse.GetValue(output)!)));
        return command;
    }

    public static int Run(string noticeDir, string? patientId, bool sample, bool largePrint, DateOnly? letterDate, string dbPath, string outputDirectory)
    {
        if (patientId is not null && sample)
        {
            throw new UsageException("give either --patient ID or --sample, not both.");
        }

        if (patientId is not null && string.IsNullOrWhiteSpace(patientId))
        {
            throw new UsageException("--patient needs a patient id.");
        }

        if (patientId is null && !sample)
        {
            Console.WriteLine("No --patient given: previewing a made-up sample patient (--sample).");
        }

        var request = new PreviewRequest
        {
            NoticeDirectory = noticeDir,
            PatientId = patientId?.Trim(),
            LargePrint = largePrint,
            LetterDate = letterDate,
            OutputDirectory = outputDirectory,
        };
        var run = new PreviewRun(new PdfSharpLetterWriter());
        PreviewResult result;
        if (request.PatientId is null)
        {
            result = run.Run(request, null);
        }
        else
        {
            using var store = ReadOnlyStore.Open(dbPath);
            result = run.Run(request, store);
        }

        return Print(result, request, noticeDir);
    }

    private static int Print(PreviewResult result, PreviewRequest request, string noticeDir)
    {
        switch (result.Refused)
        {
            case PreviewRefusal.UnknownPatient:
                CommandRunner.Error($"no patient '{request.PatientId}' in the store; check the id (as in patients.csv) and --db.");
                return ExitCodes.BadInput;
            case PreviewRefusal.NotAffected:
                CommandRunner.Error($"patient {request.PatientId} gets no letter in campaign {result.Notice.Id} (no device of theirs is "
                    + $"affected by this notice, or it excludes them); run 'notices plan {noticeDir} --explain {request.PatientId}' to see why.");
                return ExitCodes.BadInput;
        }

        var letter = result.Letter!;
        var files = result.Files!;
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]Proof[/] of campaign [bold]{result.Notice.Id}[/] ({result.Notice.Reference}), written to {result.Directory}");
        var facts = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        facts.AddRow("patient", Markup.Escape(result.Sample ? letter.Recipient.PatientId + " (made up)" : letter.Recipient.PatientId));
        facts.AddRow("letter id", Markup.Escape(letter.LetterId));
        facts.AddRow("channel", Markup.Escape(ChannelText(letter)));
        facts.AddRow("affected devices", N(letter.Devices.Count));
        facts.AddRow("large print", letter.Recipient.LargePrint ? "yes" : "no");
        AnsiConsole.Write(facts);

        var written = new Table().Border(TableBorder.Simple).AddColumn("file").AddColumn("what");
        written.AddRow(Markup.Escape(files.PdfPath), Markup.Escape($"letter PDF, {N(files.Pages)} page{(files.Pages == 1 ? "" : "s")}"));
        foreach (var (image, index) in files.PageImages.Select((p, i) => (p, i)))
        {
            written.AddRow(Markup.Escape(image), Markup.Escape($"page {N(index + 1)} (PNG)"));
        }

        written.AddRow(Markup.Escape(files.EmailHtmlPath), "email, HTML body");
        written.AddRow(Markup.Escape(files.EmailTextPath), "email, text body");
        written.AddRow(Markup.Escape(files.EmailSubjectPath), "email, subject");
        AnsiConsole.Write(written);
        if (files.PageImagesSkipped is { } skipped)
        {
            Console.Error.WriteLine(skipped);
        }

        if (result.SampleDeviceNotMatched)
        {
            Console.Error.WriteLine("note: the made-up device does not meet every condition of the notice's first rule; the proof lists it anyway.");
        }

        Console.WriteLine("Nothing was written to the ledger or the store.");
        return ExitCodes.Done;
    }

    private static string ChannelText(PlannedLetter letter) => letter.Channel switch
    {
        DeliveryChannelKind.Email => "email (letter PDF attached)",
        DeliveryChannelKind.Post => "post (the email files show how an email would read)",
        _ => "unreachable: " + (letter.ChannelNote ?? "no address") + " (not sent)",
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
