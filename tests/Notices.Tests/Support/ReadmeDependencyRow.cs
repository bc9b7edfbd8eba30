namespace Notices.Tests.Support;

/// <summary>One row of the README's dependency table: package | version | licence | used for.</summary>
internal sealed record ReadmeDependencyRow(string Package, string Version, string Licence, string UsedFor);
