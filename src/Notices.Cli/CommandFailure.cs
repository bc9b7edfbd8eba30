using Notices.Ledger;
using Notices.Runs;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Letters.Fonts;
using Notices.Letters.Templates;
using Notices.Store;
using YamlDotNet.Core;

namespace Notices.Cli;

/// <summary>
/// What the user sees when a command stops on an exception: an exit code and one line per problem, never a stack
/// trace. Known types say what is wrong and where; anything else is named by its plain meaning with a hint to rerun.
/// Messages of unknown exceptions are not shown: they can quote data (a name, an address) from the store.
/// </summary>
public sealed record CommandFailure(int ExitCode, IReadOnlyList<string> Lines)
{
    /// <summary>Set to 1 to also print the full exception (with its stack) after the one-line reason, for debugging.</summary>
    public const string DebugVariable = "NOTICES_DEBUG";

    public static CommandFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var ex = Unwrap(exception);
        return ex switch
        {
            NoticePackageException p when p.Problems.Count == 1 => BadInput(p.Problems[0]),
            NoticePackageException p => new(ExitCodes.BadInput, ["The notice package has problems:", .. p.Problems.Select(OneLine)]),
            NoticeTemplateException or UsageException or PrintRequestException or MissingGlyphException or CampaignBusyException or Notices.PostRoom.PostRoomRefusedException or LedgerKeyException or StoreNotFoundException or Notices.Approvals.PackageNotApprovedException => BadInput(ex.Message),
            LedgerNotIntactException or InvalidDataException => Failure(ex.Message),
            StoreOpenException s => new(s.IsWrongPath ? ExitCodes.BadInput : ExitCodes.Failure, [OneLine(s.Message)]),
            SqliteException s => Failure(StoreFault.Describe(s, StoreFault.LastOpened)),
            YamlException y => BadInput($"YAML error at line {y.Start.Line}, column {y.Start.Column}: {y.Message}"),
            JsonException j => Failure("a record in the store could not be read (invalid JSON"
                + (j.Path is null ? "" : " at " + j.Path) + "); the store may be damaged or written by another program"),
            OperationCanceledException => Failure("Stopped. Run the same command again to continue where it stopped."),
            FileNotFoundException f => BadInput("file not found: " + (f.FileName ?? f.Message)),
            DirectoryNotFoundException => BadInput(ex.Message.TrimEnd('.') + " (a folder on it does not exist, or is a file)"),
            UnauthorizedAccessException => Failure(ex.Message + " (no permission)"),
            IOException or InvalidOperationException => Failure(ex.Message),
            _ => Failure($"an unexpected error stopped the command: {PlainMeaning(ex)} ({ex.GetType().Name}). "
                + "What was recorded before it is kept; run the same command again, and if it happens again, "
                + $"report it with the command you ran (set {DebugVariable}=1 for details)."),
        };
    }

    private static CommandFailure BadInput(string message) => new(ExitCodes.BadInput, [OneLine(message)]);

    private static CommandFailure Failure(string message) => new(ExitCodes.Failure, [OneLine(message)]);

    /// <summary>An exception that only carries another (parallel loops, type initialisers) stands for that one.</summary>
    private static Exception Unwrap(Exception ex)
    {
        while (true)
        {
            switch (ex)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    ex = aggregate.InnerExceptions[0];
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    ex = inner;
                    break;
                default:
                    return ex;
            }
        }
    }

    private static string PlainMeaning(Exception ex) => ex switch
    {
        NullReferenceException => "a value the program expected was missing",
        IndexOutOfRangeException or ArgumentOutOfRangeException => "a position outside a list was used",
        ArgumentException => "a value handed on inside the program was not valid",
        KeyNotFoundException => "an item looked up was not there",
        FormatException => "a value did not have the expected format",
        OverflowException => "a number was too large",
        OutOfMemoryException or InsufficientExecutionStackException => "the machine ran out of memory",
        NotSupportedException or NotImplementedException => "an operation is not supported",
        TimeoutException => "an operation took too long",
        _ => "an internal error",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
