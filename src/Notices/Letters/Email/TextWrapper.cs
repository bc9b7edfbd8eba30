namespace Notices.Letters.Email;

/// <summary>Greedy word wrap for plain-text email; a word longer than the width (a URL) gets a line of its own.</summary>
public static class TextWrapper
{
    /// <summary>Wraps each '\n'-separated segment of <paramref name="text"/> at <paramref name="width"/> characters.</summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var segment in text.Split('\n'))
        {
            var current = new System.Text.StringBuilder();
            foreach (var word in segment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > width)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }
                if (current.Length > 0)
                {
                    current.Append(' ');
                }
                current.Append(word);
            }
            lines.Add(current.ToString());
        }
        return lines;
    }
}
