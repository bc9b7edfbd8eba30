using System.Diagnostics;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>Runs the real <c>notices</c> program (built next to the tests) as a child process.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + "\n" + StdErr;
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "notices.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // A wide, plain console so tables are not wrapped or coloured in assertions.
        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("notices " + string.Join(' ', args) + " did not finish in 3 minutes.");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
