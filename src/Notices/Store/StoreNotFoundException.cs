namespace Notices.Store;

/// <summary>
/// The store path names no notices store: the file does not exist (most often a typo in <c>--db</c>), or it is not a
/// store this program made. Only <c>import</c> and <c>demo</c> create a store.
/// </summary>
public sealed class StoreNotFoundException(string path, string message) : Exception(message)
{
    /// <summary>The path as the user gave it.</summary>
    public string Path { get; } = path;
}
