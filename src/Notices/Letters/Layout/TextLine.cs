using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>A piece of a broken line: text in one face at <see cref="X"/> points from the line start.</summary>
public readonly record struct LineSegment(string Text, FontFace Face, double X, double Width);

/// <summary>One line produced by the <see cref="LineBreaker"/>.</summary>
public sealed record TextLine(IReadOnlyList<LineSegment> Segments, double Width);
