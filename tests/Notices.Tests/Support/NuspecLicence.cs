using System.Xml.Linq;

namespace Notices.Tests.Support;

/// <summary>
/// Reads a package's licence from its nuspec as an SPDX expression: <c>&lt;license type="expression"&gt;</c> as it is,
/// <c>&lt;license type="file"&gt;</c> from the first lines of that file, and an old-style <c>&lt;licenseUrl&gt;</c> alone
/// through a short, explicit list of known URLs. Anything else is an error that names the package.
/// </summary>
internal static class NuspecLicence
{
    /// <summary>
    /// Licence URLs of packages that predate <c>&lt;license&gt;</c>, without scheme, "www." and trailing '/',
    /// in lower case. Add one only after reading what the URL serves.
    /// </summary>
    private static readonly Dictionary<string, string> KnownUrls = new(StringComparer.Ordinal)
    {
        ["opensource.org/licenses/mit"] = "MIT",
        ["opensource.org/licenses/apache-2.0"] = "Apache-2.0",
        ["apache.org/licenses/license-2.0"] = "Apache-2.0",
        ["apache.org/licenses/license-2.0.txt"] = "Apache-2.0",
        ["apache.org/licenses/license-2.0.html"] = "Apache-2.0",

        // xUnit.net 2.x is Apache-2.0; xunit.abstractions 2.0.3 points here.
        ["raw.githubusercontent.com/xunit/xunit/master/license.txt"] = "Apache-2.0",

        // The .NET runtime libraries (dotnet/corefx, now dotnet/runtime) and Json.NET are MIT.
        ["github.com/dotnet/corefx/blob/master/license.txt"] = "MIT",
        ["github.com/jamesnk/newtonsoft.json/blob/master/license.md"] = "MIT",

        // "MICROSOFT SOFTWARE LICENSE TERMS - MICROSOFT .NET LIBRARY": the proprietary licence of the System.* and
        // Microsoft.* packages from before .NET Core went open source. Not allowed: it is not an open-source licence
        // and limits how the libraries may be distributed. The later versions of those packages, built from
        // dotnet/runtime, are MIT: update the package instead. Named here so that the gate says what it is.
        ["go.microsoft.com/fwlink/?linkid=329770"] = "LicenseRef-MS-NET-Library",
    };

    /// <summary>The licence of the package in <paramref name="packageDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">The nuspec is missing or its licence cannot be determined.</exception>
    public static string Read(string packageDirectory, string id, string version)
    {
        var package = $"{id} {version}";
        var nuspecPath = Path.Combine(packageDirectory, id.ToLowerInvariant() + ".nuspec");
        if (!File.Exists(nuspecPath))
        {
            throw new InvalidDataException($"{package}: no nuspec at {nuspecPath}.");
        }

        var metadata = XDocument.Load(nuspecPath).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")
            ?? throw new InvalidDataException($"{package}: {nuspecPath} has no <metadata>.");

        var license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        if (license is not null)
        {
            var type = (string?)license.Attribute("type");
            var value = license.Value.Trim();
            return type switch
            {
                "expression" when value.Length > 0 => value,
                "file" when value.Length > 0 => FromFile(packageDirectory, value, package),
                _ => throw new InvalidDataException($"{package}: <license type=\"{type}\"> with '{value}' is not understood."),
            };
        }

        var url = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim();
        if (string.IsNullOrEmpty(url))
        {
            throw new InvalidDataException($"{package}: the nuspec has neither <license> nor <licenseUrl>.");
        }

        return FromUrl(url)
            ?? throw new InvalidDataException($"{package}: its only licence is the URL {url}, which is not in the known list "
                + "(NuspecLicence.KnownUrls). Read what it serves and add it there, or replace the package.");
    }

    /// <summary>The SPDX expression for a known licence URL, or null.</summary>
    public static string? FromUrl(string url)
    {
        var key = url.Trim();
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (key.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                key = key[scheme.Length..];
            }
        }

        // NuGet writes https://licenses.nuget.org/<expression> as the licenseUrl of a package with a licence expression.
        const string nugetLicenses = "licenses.nuget.org/";
        if (key.StartsWith(nugetLicenses, StringComparison.OrdinalIgnoreCase) && key.Length > nugetLicenses.Length)
        {
            return Uri.UnescapeDataString(key[nugetLicenses.Length..]).Trim();
        }

        if (key.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            key = key[4..];
        }

        key = key.TrimEnd('/').ToLowerInvariant();
        return KnownUrls.TryGetValue(key, out var expression) ? expression : null;
    }

    /// <summary>
    /// A licence file in the package: recognised by the heading of a few permissive licences in its first lines.
    /// Anything else (a GPL text, a commercial EULA, a bare copyright line) is an error to be looked at by a person.
    /// </summary>
    private static string FromFile(string packageDirectory, string relativePath, string package)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(packageDirectory)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relativePath.Replace('\\', '/')));
        if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
        {
            throw new InvalidDataException($"{package}: its licence file '{relativePath}' is not in the package.");
        }

        var head = File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).Take(10).ToList();
        bool Has(string text) => head.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));

        // Order matters: a GNU text mentions no permissive heading, but check the copyleft ones first all the same.
        if (Has("GNU") || Has("Server Side Public License"))
        {
            throw new InvalidDataException($"{package}: its licence file '{relativePath}' is a copyleft licence ('{head[0]}').");
        }

        if (Has("MIT License") || Has("Permission is hereby granted, free of charge, to any person obtaining a copy"))
        {
            return "MIT";
        }

        if (Has("Apache License") && Has("Version 2.0"))
        {
            return "Apache-2.0";
        }

        if (Has("Microsoft Public License"))
        {
            return "MS-PL";
        }

        throw new InvalidDataException($"{package}: its licence file '{relativePath}' is not recognised from its first lines "
            + $"('{(head.Count > 0 ? head[0] : "empty")}'): read it and extend NuspecLicence, or replace the package.");
    }
}
