using Notices.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Build;

/// <summary>
/// The licence gate: every package that the solution restores, direct or transitive, must be under a licence on the
/// allow-list (<see cref="LicenceExpression"/>), and the README's dependency table must say what Directory.Packages.props
/// and the nuspecs say. Reads the obj/project.assets.json files that restore writes before any test runs.
/// </summary>
public sealed class LicenceGateTests(ITestOutputHelper output)
{
    private static string Root => RepoPaths.Root;

    [Fact]
    public void Every_restored_package_has_an_allowed_licence()
    {
        var restored = RestoredPackages.Read(Root);
        Assert.NotEmpty(restored);

        var offending = new List<string>();
        foreach (var package in ByIdAndVersion(restored))
        {
            var projects = string.Join(", ", package.Select(p => p.Project).Distinct().Order(StringComparer.Ordinal));
            var name = $"{package.Key.Id} {package.Key.Version} (restored by {projects})";
            string licence;
            try
            {
                licence = package.First().ReadLicence();
            }
            catch (InvalidDataException e)
            {
                offending.Add($"{name}: licence cannot be determined: {e.Message}");
                continue;
            }

            output.WriteLine($"{package.Key.Id} | {package.Key.Version} | {licence} | {projects}");
            try
            {
                if (!LicenceExpression.IsAllowed(licence))
                {
                    offending.Add($"{name}: licence '{licence}' is not on the allow-list");
                }
            }
            catch (FormatException e)
            {
                offending.Add($"{name}: licence '{licence}' is not a valid SPDX expression: {e.Message}");
            }
        }

        Assert.True(
            offending.Count == 0,
            $"{offending.Count} restored package(s) fail the licence gate (allowed: "
            + $"{string.Join(", ", LicenceExpression.AllowedIds.Order(StringComparer.Ordinal))}):\n  "
            + string.Join("\n  ", offending));
    }

    [Fact]
    public void Readme_dependency_table_lists_Directory_Packages_props()
    {
        var declared = CentralPackageVersions.Read(Path.Combine(Root, "Directory.Packages.props"));
        var rows = ReadmeDependencyTable.Read(Path.Combine(Root, "README.md"));
        var restored = RestoredPackages.Read(Root);
        Assert.NotEmpty(declared);

        var problems = new List<string>();
        foreach (var duplicate in rows.GroupBy(r => r.Package, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key} has {duplicate.Count()} rows; keep one.");
        }

        foreach (var row in rows.Where(r => !declared.ContainsKey(r.Package)))
        {
            problems.Add($"{row.Package} {row.Version} is in the table but not in Directory.Packages.props: remove the row.");
        }

        foreach (var (id, version) in declared.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
        {
            var row = rows.FirstOrDefault(r => string.Equals(r.Package, id, StringComparison.OrdinalIgnoreCase));
            if (row is null)
            {
                problems.Add($"{id} {version} is in Directory.Packages.props but has no row: add '| `{id}` | {version} | LICENCE | USED FOR |'.");
                continue;
            }

            if (!string.Equals(row.Package, id, StringComparison.Ordinal))
            {
                problems.Add($"The row '{row.Package}' should spell the id as Directory.Packages.props does: '{id}'.");
            }

            if (!string.Equals(row.Version, version, StringComparison.Ordinal))
            {
                problems.Add($"{id}: the row says version {row.Version}, Directory.Packages.props says {version}.");
            }

            if (string.IsNullOrWhiteSpace(row.UsedFor))
            {
                problems.Add($"{id}: the row does not say what the package is used for.");
            }

            var package = restored.FirstOrDefault(p =>
                string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Version, version, StringComparison.OrdinalIgnoreCase));
            if (package is null)
            {
                problems.Add($"{id} {version} is in Directory.Packages.props but no project restores it at that version: "
                    + "remove the <PackageVersion>, or reference it.");
                continue;
            }

            string licence;
            try
            {
                licence = package.ReadLicence();
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
                continue;
            }

            if (!string.Equals(row.Licence, licence, StringComparison.Ordinal))
            {
                problems.Add($"{id} {version}: the row says licence '{row.Licence}', the nuspec says '{licence}'.");
            }
        }

        Assert.True(
            problems.Count == 0,
            $"README.md's '{ReadmeDependencyTable.Heading}' table does not match Directory.Packages.props; update the README:\n  "
            + string.Join("\n  ", problems));
    }

    [Fact]
    public void PDFsharp_restores_at_an_MIT_version()
    {
        // Regression: PDFsharp 6.3 and later (6.5.0 was restored once) are AGPL-3.0-only; 6.2.4 is the last MIT release.
        var pdfsharp = RestoredPackages.Read(Root)
            .Where(p => string.Equals(p.Id, "PDFsharp", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(pdfsharp.Count > 0, "No project restores PDFsharp: was it replaced? Then drop this test.");

        foreach (var version in pdfsharp.GroupBy(p => p.Version, StringComparer.OrdinalIgnoreCase))
        {
            var licence = version.First().ReadLicence();
            Assert.True(
                licence == "MIT",
                $"PDFsharp {version.Key} (restored by {string.Join(", ", version.Select(p => p.Project))}) is licensed "
                + $"'{licence}', not MIT: keep it pinned at 6.2.4 in Directory.Packages.props.");
        }
    }

    [Theory]
    [InlineData("AGPL-3.0-only")]
    [InlineData("AGPL-3.0-or-later")]
    [InlineData("GPL-3.0-or-later")]
    [InlineData("GPL-2.0-only")]
    [InlineData("LGPL-2.1-only")]
    [InlineData("LGPL-3.0-or-later")]
    [InlineData("SSPL-1.0")]
    [InlineData("MPL-2.0")]
    [InlineData("LicenseRef-Commercial")]
    [InlineData("AGPL-3.0-only OR LicenseRef-Commercial")]
    [InlineData("MIT AND GPL-3.0-only")]
    [InlineData("(MIT OR Apache-2.0) AND SSPL-1.0")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("MIT WITH AdditionRef-Custom")]
    [InlineData("Apache-2.0+")]
    [InlineData("GPL-3.0-only AND (MIT OR Apache-2.0)")]
    public void Denied_expressions_fail(string expression) => Assert.False(LicenceExpression.IsAllowed(expression), expression);

    [Theory]
    [InlineData("MIT")]
    [InlineData("mit")]
    [InlineData("Apache-2.0 OR GPL-2.0")]
    [InlineData("(MIT AND BSD-3-Clause)")]
    [InlineData("MS-PL OR Apache-2.0")]
    [InlineData("BSD-2-Clause")]
    [InlineData("Apache-2.0 WITH LLVM-exception")]
    [InlineData("((MIT)) AND (ISC OR LicenseRef-Commercial)")]
    [InlineData("GPL-3.0-only AND MIT OR Apache-2.0")] // AND binds tighter: (GPL AND MIT) OR Apache-2.0
    [InlineData("mit or gpl-3.0-only")]
    public void Allowed_expressions_pass(string expression) => Assert.True(LicenceExpression.IsAllowed(expression), expression);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MIT AND")]
    [InlineData("OR MIT")]
    [InlineData("MIT OR OR Apache-2.0")]
    [InlineData("(MIT")]
    [InlineData("MIT)")]
    [InlineData("MIT Apache-2.0")]
    [InlineData("MIT WITH")]
    [InlineData("(MIT) WITH LLVM-exception")]
    [InlineData("MIT/Apache")]
    public void Malformed_expressions_are_errors(string expression) =>
        Assert.Throws<FormatException>(() => LicenceExpression.IsAllowed(expression));

    [Fact]
    public void The_allow_list_holds_only_spdx_ids_of_permissive_licences()
    {
        Assert.All(LicenceExpression.AllowedIds, id =>
        {
            Assert.DoesNotContain("GPL", id, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SSPL", id, StringComparison.OrdinalIgnoreCase);
            Assert.False(id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase), id);
        });
        Assert.Contains("MIT", LicenceExpression.AllowedIds);
    }

    [Fact]
    public void Nuspec_license_expression_is_read_as_it_is()
    {
        using var package = new TempDirectory();
        WriteNuspec(package, "Some.Pdf", """<license type="expression">AGPL-3.0-only</license><licenseUrl>https://licenses.nuget.org/AGPL-3.0-only</licenseUrl>""");

        var licence = NuspecLicence.Read(package.Path, "Some.Pdf", "6.5.0");

        Assert.Equal("AGPL-3.0-only", licence);
        Assert.False(LicenceExpression.IsAllowed(licence));
    }

    [Theory]
    [InlineData("https://licenses.nuget.org/MIT", "MIT")]
    [InlineData("https://licenses.nuget.org/MS-PL%20OR%20Apache-2.0", "MS-PL OR Apache-2.0")]
    [InlineData("https://raw.githubusercontent.com/xunit/xunit/master/license.txt", "Apache-2.0")]
    [InlineData("http://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0")]
    [InlineData("https://opensource.org/licenses/MIT/", "MIT")]
    [InlineData("https://github.com/dotnet/corefx/blob/master/LICENSE.TXT", "MIT")]
    [InlineData("http://go.microsoft.com/fwlink/?LinkId=329770", "LicenseRef-MS-NET-Library")]
    public void Nuspec_license_url_alone_is_mapped(string url, string expected)
    {
        using var package = new TempDirectory();
        WriteNuspec(package, "Old.Package", $"<licenseUrl>{System.Security.SecurityElement.Escape(url)}</licenseUrl>");

        Assert.Equal(expected, NuspecLicence.Read(package.Path, "Old.Package", "1.0.0"));
    }

    [Fact]
    public void The_old_Microsoft_NET_library_licence_is_denied() =>
        Assert.False(LicenceExpression.IsAllowed(NuspecLicence.FromUrl("https://go.microsoft.com/fwlink/?LinkId=329770")!));

    [Theory]
    [InlineData("<licenseUrl>https://example.com/our-licence.html</licenseUrl>", "https://example.com/our-licence.html")]
    [InlineData("", "neither <license> nor <licenseUrl>")]
    [InlineData("""<license type="file">LICENSE.txt</license>""", "not in the package")]
    public void Undetermined_licence_is_an_error_naming_the_package(string licenceElements, string reason)
    {
        using var package = new TempDirectory();
        WriteNuspec(package, "Mystery.Lib", licenceElements);

        var error = Assert.Throws<InvalidDataException>(() => NuspecLicence.Read(package.Path, "Mystery.Lib", "2.1.0"));

        Assert.Contains("Mystery.Lib 2.1.0", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, ...", "MIT")]
    [InlineData("Copyright (c) Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy", "MIT")]
    [InlineData("\n                                 Apache License\n                           Version 2.0, January 2004\n", "Apache-2.0")]
    [InlineData("Microsoft Public License (Ms-PL)\n\nThis license governs use of the accompanying software.", "MS-PL")]
    public void Nuspec_license_file_is_recognised(string text, string expected)
    {
        using var package = new TempDirectory();
        WriteNuspec(package, "Filed.Lib", """<license type="file">docs\LICENSE.txt</license>""");
        Directory.CreateDirectory(package.File("docs"));
        File.WriteAllText(package.File(Path.Combine("docs", "LICENSE.txt")), text);

        Assert.Equal(expected, NuspecLicence.Read(package.Path, "Filed.Lib", "3.0.0"));
    }

    [Theory]
    [InlineData("                    GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007")]
    [InlineData("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999")]
    [InlineData("END USER LICENSE AGREEMENT\nThis software is licensed, not sold.")]
    public void Unrecognised_or_copyleft_license_file_is_an_error(string text)
    {
        using var package = new TempDirectory();
        WriteNuspec(package, "Filed.Lib", """<license type="file">LICENSE</license>""");
        File.WriteAllText(package.File("LICENSE"), text);

        var error = Assert.Throws<InvalidDataException>(() => NuspecLicence.Read(package.Path, "Filed.Lib", "3.0.0"));

        Assert.Contains("Filed.Lib 3.0.0", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<IGrouping<(string Id, string Version), RestoredPackage>> ByIdAndVersion(IEnumerable<RestoredPackage> packages) =>
        packages
            .GroupBy(p => (Id: p.Id, Version: p.Version))
            .OrderBy(g => g.Key.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Key.Version, StringComparer.Ordinal);

    private static void WriteNuspec(TempDirectory package, string id, string licenceElements) =>
        File.WriteAllText(
            package.File(id.ToLowerInvariant() + ".nuspec"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{id}</id>
                <version>1.0.0</version>
                {licenceElements}
              </metadata>
            </package>
            """);
}
