using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notices.Store;

/// <summary>
/// Plain-language reasons for SQLite errors on the store, by SQLite result code, so that a user sees what is wrong
/// with the file (not a database, damaged, locked, a folder) instead of "SQLite Error 26".
/// </summary>
public static class StoreFault
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>
    /// True when the cause is the path the user gave (not a database, a folder, cannot be opened), rather than a
    /// fault of a store that was usable (damaged, locked, disk full).
    /// </summary>
    /// <summary>
    /// The store file this process opened last. A CLI process opens one store, so an SQLite error that surfaces later
    /// (a damaged page read by status or verify) can still name the file.
    /// </summary>
    public static string? LastOpened { get; set; }

    public static bool IsWrongPath(int sqliteErrorCode) => sqliteErrorCode is NotADatabase or CannotOpen;

    /// <summary>One line: what is wrong, and the store's path when known.</summary>
    public static string Describe(SqliteException error, string? path)
    {
        ArgumentNullException.ThrowIfNull(error);
        var at = path is null ? "" : ": " + path;
        return error.SqliteErrorCode switch
        {
            NotADatabase => "the store is not a SQLite database" + at + " (check --db)",
            CannotOpen when path is not null && Directory.Exists(path) => "the store path is a folder, not a file" + at,
            CannotOpen => "the store cannot be opened (a missing folder or no permission)" + at,
            Corrupt => "the store is damaged (SQLite: database disk image is malformed)" + at + "; restore it from a backup",
            Busy or Locked => "the store is locked by another process" + at + "; try again when it has finished",
            ReadOnly => "the store is read-only" + at,
            Full => "the disk holding the store is full" + at,
            IoError => "the store could not be read or written (disk I/O error)" + at,
            _ => string.Create(CultureInfo.InvariantCulture, $"the store could not be used (SQLite error {error.SqliteErrorCode}: {OneLine(error.Message)}){at}"),
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
