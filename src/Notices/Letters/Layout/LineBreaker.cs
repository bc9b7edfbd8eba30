using System.Text;
using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>
/// Greedy ragged-right line breaking of mixed-face runs. Words are separated by spaces; a word wider than the
/// line is split between characters so nothing overflows. Every character of the input ends up on some line.
/// </summary>
public static class LineBreaker
{
    public static List<TextLine> Break(IReadOnlyList<InlineRun> runs, double size, double maxWidth)
    {
        var lines = new List<TextLine>();
        var line = new LineBuilder(size);
        var word = new List<(string Text, FontFace Face)>();
        FontFace? pendingSpace = null;

        void FlushWord()
        {
            if (word.Count == 0)
            {
                return;
            }

            var wordWidth = word.Sum(f => FontMetricsCache.Measure(f.Text, f.Face, size));
            var spaceWidth = line.IsEmpty || pendingSpace is null ? 0 : FontMetricsCache.Measure(" ", pendingSpace.Value, size);
            if (line.Width + spaceWidth + wordWidth <= maxWidth)
            {
                if (!line.IsEmpty && pendingSpace is not null)
                {
                    line.Append(" ", pendingSpace.Value);
                }
            }
            else
            {
                if (!line.IsEmpty)
                {
                    lines.Add(line.Finish());
                }

                if (wordWidth > maxWidth)
                {
                    AppendSplitting(word, line, lines, size, maxWidth);
                    word.Clear();
                    pendingSpace = null;
                    return;
                }
            }

            foreach (var (text, face) in word)
            {
                line.Append(text, face);
            }

            word.Clear();
            pendingSpace = null;
        }

        foreach (var run in runs)
        {
            if (run.IsHardBreak)
            {
                FlushWord();
                lines.Add(line.Finish());
                pendingSpace = null;
                continue;
            }

            var text = run.Text;
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !IsBreakingSpace(text[i]))
                {
                    continue;
                }

                if (i > start)
                {
                    word.Add((text[start..i], run.Face));
                }

                if (i < text.Length)
                {
                    FlushWord();
                    pendingSpace ??= run.Face;
                }

                start = i + 1;
            }
        }

        FlushWord();
        if (!line.IsEmpty)
        {
            lines.Add(line.Finish());
        }

        // A trailing hard break leaves no visible line; drop it so paragraphs do not grow an empty line.
        while (lines.Count > 0 && lines[^1].Segments.Count == 0 && runs.Count > 0 && runs[^1].IsHardBreak)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Width of the widest unbreakable word (the narrowest a column can be without splitting words).</summary>
    public static double WidestWord(IReadOnlyList<InlineRun> runs, double size) =>
        MeasureWords(runs, size).Max();

    /// <summary>Width of the longest line when nothing is wrapped.</summary>
    public static double NaturalWidth(IReadOnlyList<InlineRun> runs, double size) =>
        Break(runs, size, double.MaxValue).Select(l => l.Width).DefaultIfEmpty(0).Max();

    private static IEnumerable<double> MeasureWords(IReadOnlyList<InlineRun> runs, double size)
    {
        double current = 0;
        foreach (var run in runs)
        {
            foreach (var rune in run.Text.EnumerateRunes())
            {
                if (rune.Value == ' ')
                {
                    yield return current;
                    current = 0;
                }
                else
                {
                    current += FontMetricsCache.Advance(rune.Value, run.Face) * size;
                }
            }

            if (run.IsHardBreak)
            {
                yield return current;
                current = 0;
            }
        }

        yield return current;
    }

    private static bool IsBreakingSpace(char c) => c == ' ';

    private static void AppendSplitting(
        List<(string Text, FontFace Face)> word, LineBuilder line, List<TextLine> lines, double size, double maxWidth)
    {
        foreach (var (text, face) in word)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                var advance = FontMetricsCache.Advance(rune.Value, face) * size;
                if (!line.IsEmpty && line.Width + advance > maxWidth)
                {
                    lines.Add(line.Finish());
                }

                line.Append(rune.ToString(), face);
            }
        }
    }

    private sealed class LineBuilder(double size)
    {
        private readonly List<LineSegment> _segments = [];
        private readonly StringBuilder _text = new();
        private FontFace _face;
        private double _segmentX;

        public double Width { get; private set; }
        public bool IsEmpty => _segments.Count == 0 && _text.Length == 0;

        public void Append(string text, FontFace face)
        {
            if (_text.Length > 0 && face != _face)
            {
                CloseSegment();
            }

            _face = face;
            _text.Append(text);
            Width += FontMetricsCache.Measure(text, face, size);
        }

        public TextLine Finish()
        {
            CloseSegment();
            var line = new TextLine(_segments.ToArray(), Width);
            _segments.Clear();
            Width = 0;
            _segmentX = 0;
            return line;
        }

        private void CloseSegment()
        {
            if (_text.Length == 0)
            {
                return;
            }

            var text = _text.ToString();
            var width = FontMetricsCache.Measure(text, _face, size);
            _segments.Add(new LineSegment(text, _face, _segmentX, width));
            _segmentX += width;
            _text.Clear();
        }
    }
}
