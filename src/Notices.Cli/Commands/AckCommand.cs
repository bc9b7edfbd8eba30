using System.CommandLine;

namespace Notices.Cli.Commands;

/// <summary><c>notices ack</c>: acknowledgements by hand, from a file, or (<c>ack import</c>) from email replies.</summary>
public static class AckCommand
{
    public static Command Create()
    {
        var ack = new Command("ack", "Record patients' acknowledgements (the reply form) in the ledger.");
        ack.Subcommands.Add(AckImportCommand.Create());
        return ack;
    }
}
