using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Reads and checks notice.yaml's optional <c>logo</c>; returns its absolute path, or null.</summary>
internal static class LogoReader
{
    public static string? Read(YamlNodeReader reader, YamlMappingNode root, string dir)
    {
        var logo = reader.OptionalString(root, "logo", "logo");
        string? logoPath = null;
        if (logo is not null)
        {
            logoPath = Path.GetFullPath(Path.Combine(dir, logo));
            var ext = Path.GetExtension(logoPath).ToLowerInvariant();
            if (!File.Exists(logoPath))
            {
                reader.Problem(reader.Child(root, "logo"), $"logo file '{logo}' does not exist.");
            }
            else if (ext is not (".png" or ".jpg" or ".jpeg"))
            {
                reader.Problem(reader.Child(root, "logo"), "logo must be a PNG or JPEG file.");
            }
        }

        return logoPath;
    }
}
