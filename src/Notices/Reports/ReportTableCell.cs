using Notices.Letters.Fonts;
using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>One cell of a report table row: its text, face, column and alignment.</summary>
public readonly record struct ReportTableCell(string Text, FontFace Face, double X, double Width, TextAlignment Alignment = TextAlignment.Left);
