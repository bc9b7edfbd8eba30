using Notices.Campaigns;
using Notices.Letters.Templates;
using Notices.Store;

namespace Notices.Cli;

/// <summary>Runs a command body and turns the errors a user can fix into exit code 2 with a readable message.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (NoticePackageException ex)
        {
            Error("The notice package has problems:");
            foreach (var problem in ex.Problems)
            {
                Console.Error.WriteLine("  " + problem);
            }

            return ExitCodes.BadInput;
        }
        catch (NoticeTemplateException ex)
        {
            Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (StoreNotFoundException ex)
        {
            // Only import and demo create a store; a typo in --db must not look like an empty campaign.
            Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            Error(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Error("Stopped. Run the same command again to continue where it stopped.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Error(ex.Message);
            return ExitCodes.Failure;
        }
    }

    public static Task<int> Run(Func<int> body) => RunAsync(() => Task.FromResult(body()));

    /// <summary>Errors go to stderr so that stdout stays clean for tables and pipes.</summary>
    public static void Error(string message) => Console.Error.WriteLine("fejl: " + message);
}
