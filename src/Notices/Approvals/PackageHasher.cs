using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Notices.Campaigns;
using Notices.Model;

namespace Notices.Approvals;

/// <summary>
/// The one SHA-256 of a notice package, the thing <c>approve</c> records and <c>send</c>/<c>remind</c> compare.
/// <para>
/// Files: every regular file under the package folder, recursively, hidden files (a name starting with '.') included,
/// empty folders not counted. Each is named by its path relative to the package with '/' between folders, and the
/// files are taken in ordinal (UTF-16 code unit) order of that path. For each file in turn the hash takes: the path in
/// UTF-8, one 0x00 byte, the file's length in bytes as an unsigned 64-bit big-endian number, then its content. Time
/// stamps and permissions do not count. A symbolic link (to a file or a folder) or any other non-regular file in the
/// package is refused: what it points to could change without the package changing.
/// </para>
/// </summary>
public static class PackageHasher
{
    /// <summary>More files than this is not a notice package (a wrong folder, e.g. a home directory).</summary>
    public const int MaxFiles = 10_000;

    public static PackageFingerprint Compute(string packageDirectory)
    {
        var root = Path.GetFullPath(packageDirectory);
        if (!Directory.Exists(root))
        {
            throw new NoticePackageException([$"{packageDirectory}: the notice package folder does not exist"]);
        }

        var files = new List<(string Relative, string Full)>();
        Collect(root, root, files);
        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));

        using var package = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashes = new List<PackageFileHash>(files.Count);
        var buffer = new byte[1 << 16];
        Span<byte> lengthBytes = stackalloc byte[8];
        foreach (var (relative, full) in files)
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var length = stream.Length;
            package.AppendData(Encoding.UTF8.GetBytes(relative));
            package.AppendData([0]);
            BinaryPrimitives.WriteUInt64BigEndian(lengthBytes, (ulong)length);
            package.AppendData(lengthBytes);
            using var file = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long read = 0;
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                read += n;
                if (read > length)
                {
                    break;
                }

                package.AppendData(buffer, 0, n);
                file.AppendData(buffer, 0, n);
            }

            if (read != length)
            {
                throw new IOException($"{relative}: the file changed while the notice package was hashed; run the command again.");
            }

            hashes.Add(new PackageFileHash(relative, length, Convert.ToHexStringLower(file.GetHashAndReset())));
        }

        return new PackageFingerprint(Convert.ToHexStringLower(package.GetHashAndReset()), hashes);
    }

    private static void Collect(string root, string directory, List<(string Relative, string Full)> files)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (entry.LinkTarget is not null)
            {
                throw new NoticePackageException([$"{relative}: a symbolic link in the notice package; the package must hold the files themselves, copy the file in instead"]);
            }

            if (entry is DirectoryInfo sub)
            {
                Collect(root, sub.FullName, files);
                continue;
            }

            if ((entry.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
            {
                throw new NoticePackageException([$"{relative}: not a regular file; a notice package holds plain files only"]);
            }

            files.Add((relative, entry.FullName));
            if (files.Count > MaxFiles)
            {
                throw new NoticePackageException([string.Create(CultureInfo.InvariantCulture,
                    $"{root}: more than {MaxFiles} files; is this the notice package folder?")]);
            }
        }
    }
}
