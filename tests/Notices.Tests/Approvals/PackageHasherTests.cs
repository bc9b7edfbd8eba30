using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Notices.Approvals;
using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Approvals;

/// <summary>The package hash is defined (the README's definition, recomputed here by hand), stable, and moved by any file.</summary>
public sealed class PackageHasherTests : IDisposable
{
    private static readonly string[] PackageFiles =
        ["notice.yaml", "letter.md", "email.md", "reminder.md", "logo.png", "lists/serials.csv", ".hidden"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_hash_is_the_documented_one_paths_in_ordinal_order_each_with_a_nul_its_length_and_content()
    {
        var package = Package("p", PackageFiles);

        var expected = new List<byte>();
        foreach (var path in PackageFiles.Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(Path.Combine(package, path));
            expected.AddRange(Encoding.UTF8.GetBytes(path));
            expected.Add(0);
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)content.Length);
            expected.AddRange(length);
            expected.AddRange(content);
        }

        var fingerprint = PackageHasher.Compute(package);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.ToArray())), fingerprint.Sha256);
        Assert.Equal(PackageFiles.Order(StringComparer.Ordinal), fingerprint.Files.Select(f => f.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(package, "letter.md")))),
            fingerprint.Files.Single(f => f.Path == "letter.md").Sha256);
    }

    [Fact]
    public void The_order_files_were_created_in_and_their_time_stamps_do_not_count()
    {
        var a = Package("a", PackageFiles);
        var b = Package("b", [.. PackageFiles.Reverse()]);
        File.SetLastWriteTimeUtc(Path.Combine(b, "letter.md"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Directory.CreateDirectory(Path.Combine(b, "empty-folder"));

        Assert.Equal(PackageHasher.Compute(a).Sha256, PackageHasher.Compute(b).Sha256);
        Assert.Equal(PackageHasher.Compute(a).Sha256, PackageHasher.Compute(a).Sha256);
    }

    [Theory]
    [InlineData("notice.yaml")]
    [InlineData("letter.md")]
    [InlineData("email.md")]
    [InlineData("reminder.md")]
    [InlineData("logo.png")]
    [InlineData("lists/serials.csv")]
    [InlineData(".hidden")]
    public void One_byte_changed_in_any_file_changes_the_hash_and_names_that_file(string file)
    {
        var package = Package("p", PackageFiles);
        var before = PackageHasher.Compute(package);
        var bytes = File.ReadAllBytes(Path.Combine(package, file));
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(Path.Combine(package, file), bytes);

        var after = PackageHasher.Compute(package);

        Assert.NotEqual(before.Sha256, after.Sha256);
        var diff = PackageDiff.Between(before.Files, after.Files);
        Assert.Equal([file], diff.Changed);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal("changed " + file, diff.Describe());
    }

    [Fact]
    public void A_renamed_file_and_content_moved_across_a_file_boundary_change_the_hash()
    {
        var package = Package("p", ["a.md", "b.md"]);
        File.WriteAllText(Path.Combine(package, "a.md"), "ab");
        File.WriteAllText(Path.Combine(package, "b.md"), "c");
        var first = PackageHasher.Compute(package).Sha256;

        File.WriteAllText(Path.Combine(package, "a.md"), "a");
        File.WriteAllText(Path.Combine(package, "b.md"), "bc");
        var moved = PackageHasher.Compute(package).Sha256;
        File.Move(Path.Combine(package, "b.md"), Path.Combine(package, "c.md"));
        var renamed = PackageHasher.Compute(package);

        Assert.NotEqual(first, moved);
        Assert.NotEqual(moved, renamed.Sha256);
        var diff = PackageDiff.Between(PackageHasher.Compute(Package("q", ["a.md", "b.md"])).Files, renamed.Files);
        Assert.Equal(["c.md"], diff.Added);
        Assert.Equal(["b.md"], diff.Removed);
        Assert.Contains("added c.md", diff.Describe(), StringComparison.Ordinal);
        Assert.Contains("removed b.md", diff.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_added_changes_the_hash()
    {
        var package = Package("p", PackageFiles);
        var before = PackageHasher.Compute(package).Sha256;
        File.WriteAllBytes(Path.Combine(package, "empty.txt"), []);

        Assert.NotEqual(before, PackageHasher.Compute(package).Sha256);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_or_folder_outside_the_package_is_refused_naming_it()
    {
        var package = Package("p", PackageFiles);
        var outside = Package("outside", ["secret.csv"]);
        File.CreateSymbolicLink(Path.Combine(package, "serials.csv"), Path.Combine(outside, "secret.csv"));

        var file = Assert.Throws<NoticePackageException>(() => PackageHasher.Compute(package));
        Assert.StartsWith("serials.csv: a symbolic link", file.Problems[0], StringComparison.Ordinal);

        File.Delete(Path.Combine(package, "serials.csv"));
        Directory.CreateSymbolicLink(Path.Combine(package, "more"), outside);
        var folder = Assert.Throws<NoticePackageException>(() => PackageHasher.Compute(package));
        Assert.StartsWith("more: a symbolic link", folder.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_named_and_a_folder_with_too_many_files_is_refused()
    {
        var missing = Assert.Throws<NoticePackageException>(() => PackageHasher.Compute(_dir.File("nope")));
        Assert.Contains("does not exist", missing.Problems[0], StringComparison.Ordinal);

        var big = Path.Combine(_dir.Path, "big");
        Directory.CreateDirectory(big);
        for (var i = 0; i <= PackageHasher.MaxFiles; i++)
        {
            File.WriteAllBytes(Path.Combine(big, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), []);
        }

        var tooMany = Assert.Throws<NoticePackageException>(() => PackageHasher.Compute(big));
        Assert.Contains("more than 10000 files", tooMany.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_lists_at_most_ten_names_per_group_and_counts_the_rest()
    {
        var before = PackageHasher.Compute(Package("a", ["x.md"])).Files;
        var many = Package("b", [.. Enumerable.Range(0, 14).Select(i => $"f{i:00}.csv"), "x.md"]);

        var described = PackageDiff.Between(before, PackageHasher.Compute(many).Files).Describe();

        Assert.Equal("added f00.csv, f01.csv, f02.csv, f03.csv, f04.csv, f05.csv, f06.csv, f07.csv, f08.csv, f09.csv and 4 more", described);
    }

    /// <summary>A folder with the given files, each holding its own name (and a byte), created in the order given.</summary>
    private string Package(string name, IEnumerable<string> files)
    {
        var root = Path.Combine(_dir.Path, name);
        foreach (var file in files)
        {
            var path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + file + "\n");
        }

        return root;
    }
}
