using System.CommandLine;
using Notices.Cli;
using Notices.Cli.Commands;
using Notices.Letters;

// Thin entry point: parse arguments, hand over to one command per file in Commands/.
// Last resort for a fault on a background thread: the same one-line report instead of the runtime's stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    Environment.Exit(CommandRunner.Report(e.ExceptionObject as Exception ?? new InvalidOperationException("unknown fault")));
LetterPdfSetup.EnsureInitialised();
if (Console.IsOutputRedirected)
{
    // Piped or redirected output (a log file, CI) gets plain text, no escape codes.
    Spectre.Console.AnsiConsole.Profile.Capabilities.Ansi = false;
    Spectre.Console.AnsiConsole.Profile.Width = Math.Max(Spectre.Console.AnsiConsole.Profile.Width, 120);
}

var root = new RootCommand(
    "notices – field safety notices (vigtige sikkerhedsmeddelelser): import patients and devices, merge a notice into "
    + "personalised Danish PDF letters, deliver them by email or print batch, and keep a hash-chained ledger for audit.\n\n"
    + "Exit codes: 0 done, 1 failure, 2 bad input or usage, 3 finished but some affected patient is not reached.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(PreviewCommand.Create());
root.Subcommands.Add(ApproveCommand.Create());
root.Subcommands.Add(SendCommand.Create());
root.Subcommands.Add(PrintCommand.Create());
root.Subcommands.Add(RemindCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(DsnCommand.Create());
root.Subcommands.Add(AckCommand.Create());
root.Subcommands.Add(BatchCommand.Create());
root.Subcommands.Add(ReturnedCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run 'notices --help' for usage.");
    return Notices.Cli.ExitCodes.BadInput;
}

try
{
    // System.CommandLine's own handler prints the exception with its stack; CommandRunner reports instead.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex)
{
    return CommandRunner.Report(ex);
}
