using Notices.Letters.Images;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>
/// Reads notice.yaml's optional <c>logo</c> and prepares it (<see cref="LogoImage"/>), once per campaign: a path outside
/// the package, a missing file, or an image that cannot be drawn is a problem at notice.yaml's logo line, naming the file.
/// </summary>
internal static class LogoReader
{
    public static LogoImage? Read(YamlNodeReader reader, YamlMappingNode root, string dir)
    {
        var logo = reader.OptionalString(root, "logo", "logo");
        if (logo is null)
        {
            return null;
        }

        var node = reader.Child(root, "logo");
        var logoPath = Path.GetFullPath(Path.Combine(dir, logo));
        var inside = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(logo) || !logoPath.StartsWith(inside, StringComparison.Ordinal))
        {
            reader.Problem(node, $"logo '{logo}' must be a file inside the notice package (a path relative to notice.yaml, without '..'); copy it into the package.");
            return null;
        }

        if (!File.Exists(logoPath))
        {
            reader.Problem(node, $"logo file '{logo}' does not exist.");
            return null;
        }

        try
        {
            return LogoImage.Load(logoPath);
        }
        catch (LogoException ex)
        {
            reader.Problem(node, $"logo '{logo}' cannot be used: {ex.Message}");
        }
        catch (IOException ex)
        {
            reader.Problem(node, $"logo '{logo}' cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            reader.Problem(node, $"logo '{logo}' cannot be read: access denied.");
        }

        return null;
    }
}
