using System.CommandLine;

namespace Notices.Cli.Commands;

/// <summary><c>notices ack import --maildir DIR</c>: acknowledgements from patients' email replies. (Being built.)</summary>
public static class AckImportCommand
{
    public static Command Create() => new("import", "Acknowledgements from email replies (being built).");
}
