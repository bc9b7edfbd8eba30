using CsvHelper;
using Notices.Approvals;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Approvals;

/// <summary>
/// <c>notices approve</c> and the gate in <c>send</c> and <c>remind</c>: the text that was approved is the text that was
/// sent, a change to any file stops the run before anything is written, and the override is on the record.
/// </summary>
public sealed class ApprovalCliTests : IDisposable
{
    private readonly ApprovalWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void A_package_that_was_never_approved_is_refused_and_nothing_is_written()
    {
        var send = _ws.Send();

        Assert.Equal(2, send.ExitCode);
        Assert.Contains("was never approved for campaign fa830-minimed-dk", send.StdErr, StringComparison.Ordinal);
        Assert.Contains("notices approve " + _ws.Notice + " --by NAME", send.StdErr, StringComparison.Ordinal);
        Assert.Single(send.StdErr.Trim().Split('\n'));
        Assert.Equal(0L, _ws.LedgerRows());
        Assert.False(Directory.Exists(_ws.LettersFolder));
    }

    [Fact]
    public void An_approved_package_is_sent_and_every_letter_carries_the_approved_hash()
    {
        var approve = _ws.Approve();
        Assert.Equal(0, approve.ExitCode);
        var approved = LedgerDetail.Parse(Assert.Single(_ws.Details("PackageApproved")));
        Assert.Equal(PackageHasher.Compute(_ws.Notice).Sha256, approved["package_sha256"]);
        Assert.Equal("A. Jensen (RA)", approved["by"]);
        Assert.Equal("proof reviewed", approved["note"]);
        Assert.Contains("letter.md", approved["files"], StringComparison.Ordinal);
        Assert.Contains(approved["package_sha256"], approve.StdOut, StringComparison.Ordinal);

        Assert.Equal(3, _ws.Send().ExitCode); // one sample patient is unreachable

        var rendered = _ws.Details("LetterRendered");
        Assert.Equal(32, rendered.Count);
        Assert.All(rendered, d => Assert.Equal(approved["package_sha256"], LedgerDetail.Parse(d)["package_sha256"]));
        Assert.Empty(_ws.Details("UnapprovedRun"));
        Assert.Equal(0, _ws.Run("verify", "--db", "s.db").ExitCode);

        var status = _ws.Run("status", ApprovalWorkspace.Campaign, "--db", "s.db");
        Assert.Contains("Notice package approved: sha256 " + approved["package_sha256"] + " by A. Jensen (RA)", status.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("--unapproved", status.StdOut, StringComparison.Ordinal);

        Assert.Equal(0, _ws.Run("report", ApprovalWorkspace.Campaign, "--db", "s.db", "--out", "out").ExitCode);
        var rows = ReportRows();
        Assert.Equal(32, rows.Count(r => r["package_sha256"] == approved["package_sha256"]));
        Assert.Equal("", Assert.Single(rows, r => r["package_sha256"] != approved["package_sha256"])["pdf_sha256"]);
        var pdf = Poppler.RawText(Path.Combine(_ws.Path, "out", ApprovalWorkspace.Campaign, "report.pdf"));
        Assert.Contains("sha256 " + approved["package_sha256"][..16], pdf, StringComparison.Ordinal);
        Assert.Contains("ingen kørsler", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_file_blocks_send_naming_it_and_approving_again_lets_it_through()
    {
        Assert.Equal(0, _ws.Approve().ExitCode);
        var first = PackageHasher.Compute(_ws.Notice).Sha256;
        _ws.Append("letter.md", "\nEn sætning, der kom til efter godkendelsen.\n");

        var refused = _ws.Send();

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("changed since A. Jensen (RA) approved it", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains(": changed letter.md;", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("notices preview", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(1L, _ws.LedgerRows());
        Assert.False(Directory.Exists(_ws.LettersFolder));

        Assert.Equal(0, _ws.Approve("B. Holm (QA)").ExitCode);
        var second = PackageHasher.Compute(_ws.Notice).Sha256;
        Assert.NotEqual(first, second);
        Assert.Equal(3, _ws.Send().ExitCode);
        Assert.All(_ws.Details("LetterRendered"), d => Assert.Equal(second, LedgerDetail.Parse(d)["package_sha256"]));
        Assert.Contains("der kom til efter godkendelsen", Poppler.RawText(Directory.GetFiles(_ws.LettersFolder, "*.pdf")[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_and_a_removed_file_are_named()
    {
        File.WriteAllText(Path.Combine(_ws.Notice, "old-notes.txt"), "notes\n");
        Assert.Equal(0, _ws.Approve().ExitCode);
        File.Delete(Path.Combine(_ws.Notice, "old-notes.txt"));
        File.WriteAllText(Path.Combine(_ws.Notice, "remediated.csv"), "serial_number\nNG1000001\n");

        var refused = _ws.Send();

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(": added remediated.csv; removed old-notes.txt;", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(1L, _ws.LedgerRows());
    }

    [Fact]
    public void Unapproved_is_recorded_in_the_ledger_and_shown_by_status_and_the_report()
    {
        var send = _ws.Send("--unapproved");

        Assert.Equal(3, send.ExitCode);
        var hash = PackageHasher.Compute(_ws.Notice).Sha256;
        var run = LedgerDetail.Parse(Assert.Single(_ws.Details("UnapprovedRun")));
        Assert.Equal(hash, run["package_sha256"]);
        Assert.Equal("send", run["command"]);
        Assert.False(run.ContainsKey("approved_sha256"));
        Assert.All(_ws.Details("LetterRendered"), d => Assert.Equal(hash, LedgerDetail.Parse(d)["package_sha256"]));
        Assert.Equal(0, _ws.Run("verify", "--db", "s.db").ExitCode);
        var rows = _ws.LedgerRows();
        Assert.Equal(3, _ws.Send("--unapproved").ExitCode);
        Assert.Equal(rows, _ws.LedgerRows()); // a run that makes no letter records no override either

        var status = _ws.Run("status", ApprovalWorkspace.Campaign, "--db", "s.db");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Notice package: never approved", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("Runs with --unapproved: 1 (last: send,", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("Letters made from another package than the latest approved one: 32 of 32", status.StdOut, StringComparison.Ordinal);

        Assert.Equal(0, _ws.Run("report", ApprovalWorkspace.Campaign, "--db", "s.db", "--out", "out").ExitCode);
        Assert.Equal(32, ReportRows().Count(r => r["package_sha256"] == hash));
        var pdf = Poppler.RawText(Path.Combine(_ws.Path, "out", ApprovalWorkspace.Campaign, "report.pdf"));
        Assert.Contains("ikke godkendt", pdf, StringComparison.Ordinal);
        Assert.Contains("1 kørsler med --unapproved", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public void Remind_refuses_a_package_changed_since_its_approval_and_records_the_override()
    {
        Assert.Equal(0, _ws.Approve().ExitCode);
        Assert.Equal(3, _ws.Send().ExitCode);
        var approved = LedgerDetail.Parse(Assert.Single(_ws.Details("PackageApproved")))["package_sha256"];
        _ws.Append("email.md", "\nEn ekstra linje.\n");
        var rows = _ws.LedgerRows();

        var refused = _ws.Remind();

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(": changed email.md;", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("remind did nothing", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _ws.LedgerRows());

        var overridden = _ws.Remind("--unapproved");
        Assert.NotEqual(2, overridden.ExitCode);
        var run = LedgerDetail.Parse(Assert.Single(_ws.Details("UnapprovedRun")));
        Assert.Equal("remind", run["command"]);
        Assert.Equal(approved, run["approved_sha256"]);
        var reminders = _ws.Details("LetterRendered").Skip(32).ToList();
        Assert.NotEmpty(reminders);
        Assert.All(reminders, d => Assert.Equal(run["package_sha256"], LedgerDetail.Parse(d)["package_sha256"]));
    }

    [Fact]
    public void An_approval_row_edited_with_sqlite3_fails_verify_and_send_refuses()
    {
        Assert.Equal(0, _ws.Approve().ExitCode);
        var approved = LedgerDetail.Parse(Assert.Single(_ws.Details("PackageApproved")))["package_sha256"];
        _ws.Append("letter.md", "\nTeksten er ændret uden godkendelse.\n");
        var changed = PackageHasher.Compute(_ws.Notice).Sha256;

        // Make the approval look like it covered the changed text.
        _ws.Scalar($"UPDATE ledger SET Detail = replace(Detail, '{approved}', '{changed}') WHERE Kind = 'PackageApproved';");

        var verify = _ws.Run("verify", "--db", "s.db");
        Assert.Equal(1, verify.ExitCode);
        var send = _ws.Send();
        Assert.Equal(1, send.ExitCode);
        Assert.Contains("the ledger does not verify", send.StdErr, StringComparison.Ordinal);
        Assert.Equal(1L, _ws.LedgerRows());
        Assert.False(Directory.Exists(_ws.LettersFolder));
        Assert.Equal(1, _ws.Approve().ExitCode);
    }

    [Fact]
    public void Approve_refuses_a_bad_name_and_a_package_that_does_not_load_and_records_nothing()
    {
        Assert.Equal(2, _ws.Run("approve", _ws.Notice, "--db", "s.db").ExitCode);
        Assert.Equal(2, _ws.Approve("   ").ExitCode);
        Assert.Equal(2, _ws.Approve("A\nB").ExitCode);
        Assert.Equal(2, _ws.Approve(new string('x', 201)).ExitCode);
        Assert.Equal(2, _ws.Approve("李").ExitCode);

        File.Delete(Path.Combine(_ws.Notice, "letter.md"));
        var broken = _ws.Approve();
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("letter.md", broken.StdErr, StringComparison.Ordinal);

        File.Copy(Path.Combine(RepoPaths.SampleNotice, "letter.md"), Path.Combine(_ws.Notice, "letter.md"));
        File.CreateSymbolicLink(Path.Combine(_ws.Notice, "serials.csv"), RepoPaths.SampleDevices);
        var link = _ws.Approve();
        Assert.Equal(2, link.ExitCode);
        Assert.Contains("serials.csv: a symbolic link", link.StdErr, StringComparison.Ordinal);
        Assert.Equal(0L, _ws.LedgerRows());

        File.Delete(Path.Combine(_ws.Notice, "serials.csv"));
        Assert.Equal(0, _ws.Approve("Åse Ørum").ExitCode);
        Assert.Equal(1L, _ws.LedgerRows());
    }

    [Fact]
    public void Approving_the_same_package_twice_records_both_and_says_so()
    {
        Assert.Equal(0, _ws.Approve().ExitCode);
        var again = _ws.Approve("Åse Ørum");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already approved by A. Jensen (RA)", again.StdOut, StringComparison.Ordinal);
        var approvals = _ws.Details("PackageApproved").Select(LedgerDetail.Parse).ToList();
        Assert.Equal(2, approvals.Count);
        Assert.Equal(approvals[0]["package_sha256"], approvals[1]["package_sha256"]);
        Assert.Equal("Åse Ørum", approvals[1]["by"]);
        Assert.Equal(3, _ws.Send().ExitCode);
    }

    private List<Dictionary<string, string>> ReportRows()
    {
        var rows = new List<Dictionary<string, string>>();
        using var reader = CsvReader.FromFile(Path.Combine(_ws.Path, "out", ApprovalWorkspace.Campaign, "report.csv"), new CsvReaderOptions { Separator = ';' });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToDictionary().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal));
        }

        return rows;
    }
}
