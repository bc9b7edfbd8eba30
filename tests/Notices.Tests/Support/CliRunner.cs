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

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>Runs with extra environment variables (e.g. NOTICES_SMTP_USER).</summary>
    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        return process.Wait(TimeSpan.FromMinutes(3));
    }

    /// <summary>Starts the program and returns at once, for tests that act while it runs (e.g. stop the mail server).</summary>
    public static Running Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
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
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new Running(Process.Start(info)!, string.Join(' ', args));
    }

    /// <summary>A started <c>notices</c> process; output is read as it comes so the pipes never fill.</summary>
    public sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly string _command;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;
        private bool _disposed;

        internal Running(Process process, string command)
        {
            _process = process;
            _command = command;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public bool HasExited => _process.HasExited;

        public Result Wait(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"notices {_command} did not finish in {timeout.TotalSeconds:0} s.");
            }

            return new Result(_process.ExitCode, _stdout.Result, _stderr.Result);
        }

        /// <summary>Kills the process (SIGKILL) if it still runs. Safe to call twice.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
