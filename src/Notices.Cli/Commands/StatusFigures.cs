using System.Globalization;
using Notices.Reports;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary>The effectiveness-check figures in the terminal: the same numbers as report.pdf, as a table and two bar charts.</summary>
public static class StatusFigures
{
    public static void Print(EffectivenessFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var table = new Table().Border(TableBorder.Rounded).Title("effectiveness check")
            .AddColumn("affected patients").AddColumn(new TableColumn("patients").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        void Row(string label, int count) => table.AddRow(label, N(count), P(figures.Percent(count)));
        Row("[bold]affected[/]", figures.Affected);
        Row("[bold]reached[/]", figures.Reached);
        Row("  by email, confirmed by a delivery report (DSN)", figures.EmailConfirmed);
        Row("  by email, accepted only (no DSN)", figures.EmailAcceptedOnly);
        Row("  by post", figures.Post);
        Row("[bold]not reached[/]", figures.NotReached);
        Row(Alert("  unreachable", figures.Unreachable), figures.Unreachable);
        Row(Alert("  failed", figures.Failed), figures.Failed);
        Row(Alert("  uncertain", figures.Uncertain), figures.Uncertain);
        Row("  pending", figures.Pending);
        Row("[bold]acknowledged[/]", figures.Acknowledged);
        Row("[bold]outstanding (not acknowledged)[/]", figures.Outstanding);
        table.AddRow("reminders sent", N(figures.RemindersSent), "to " + N(figures.PatientsReminded) + " patients");
        AnsiConsole.Write(table);

        var reach = new BarChart().Width(80).Label("reach by channel (patients)").LeftAlignLabel();
        foreach (var category in ReachByChannelChart.Categories(figures))
        {
            reach.AddItem(Label(category), figures.ByCategory[category], EffectivenessFigures.IsReached(category) ? Color.Green : Color.Red);
        }

        AnsiConsole.Write(reach);
        var acks = new BarChart().Width(80).Label("acknowledgements (patients)").LeftAlignLabel()
            .AddItem("acknowledged", figures.Acknowledged, Color.Green)
            .AddItem("outstanding", figures.Outstanding, Color.Yellow);
        AnsiConsole.Write(acks);
    }

    private static string Label(ReachCategory category) => category switch
    {
        ReachCategory.EmailConfirmed => "email confirmed (DSN)",
        ReachCategory.EmailAcceptedOnly => "email accepted only",
        ReachCategory.Post => "post",
        ReachCategory.Unreachable => "unreachable",
        ReachCategory.Failed => "failed",
        ReachCategory.Uncertain => "uncertain",
        _ => "pending",
    };

    private static string Alert(string label, int count) => count > 0 ? $"[red]{label}[/]" : label;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string P(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
