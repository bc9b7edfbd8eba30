namespace Notices.Cli;

/// <summary>
/// Runs a command body. Whatever exception leaves it becomes an exit code and a one-line reason on stderr
/// (<see cref="CommandFailure"/>); no stack trace reaches the user.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception ex)
        {
            return Report(ex);
        }
    }

    public static Task<int> Run(Func<int> body) => RunAsync(() => Task.FromResult(body()));

    /// <summary>Prints <paramref name="exception"/> as <see cref="CommandFailure"/> describes it and returns its exit code.</summary>
    public static int Report(Exception exception)
    {
        var failure = CommandFailure.From(exception);
        foreach (var (line, index) in failure.Lines.Select((l, i) => (l, i)))
        {
            if (index == 0)
            {
                Error(line);
            }
            else
            {
                Console.Error.WriteLine("  " + line);
            }
        }

        if (string.Equals(Environment.GetEnvironmentVariable(CommandFailure.DebugVariable), "1", StringComparison.Ordinal))
        {
            Console.Error.WriteLine(exception.ToString());
        }

        return failure.ExitCode;
    }

    /// <summary>Errors go to stderr so that stdout stays clean for tables and pipes.</summary>
    public static void Error(string message) => Console.Error.WriteLine("fejl: " + message);
}
