using System.Diagnostics;
using Notices.Confirmations;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>What a hostile or careless hand can put into a Maildir: links to devices or secrets, a FIFO.</summary>
public sealed class MaildirFileHostileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public MaildirFileHostileTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "new"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "cur"));
    }

    public void Dispose() => _dir.Dispose();

    private MaildirFile Only() => Assert.Single(new MaildirFolder(_dir.Path).Files());

    [Fact]
    public void A_symbolic_link_is_not_followed_so_a_link_to_dev_zero_cannot_fill_memory()
    {
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "new", "1.zero"), "/dev/zero");

        var read = Task.Run(() => Only().ReadAllBytes());

        Assert.True(((IAsyncResult)read).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "reading a link to /dev/zero did not stop");
        Assert.True(read.IsFaulted);
        var error = Assert.IsType<InvalidDataException>(Assert.Single(read.Exception!.InnerExceptions));
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_not_opened_so_the_import_does_not_wait_for_a_writer()
    {
        var fifo = Path.Combine(_dir.Path, "new", "2.fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => Only().ReadAllBytes());

        Assert.True(await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))) == read, "reading a FIFO blocked");
        Assert.Empty(await read);
    }

    [Fact]
    public void A_plain_message_and_an_empty_file_are_read_as_they_are()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "cur", "3.msg"), "Subject: x\n\nhej\n");

        Assert.Equal("Subject: x\n\nhej\n"u8.ToArray(), Only().ReadAllBytes());
        File.WriteAllBytes(Path.Combine(_dir.Path, "cur", "3.msg"), []);
        Assert.Empty(Only().ReadAllBytes());
    }
}
