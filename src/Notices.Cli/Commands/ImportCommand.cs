using System.CommandLine;
using Notices.Records;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class ImportCommand
{
    public static Command Create()
    {
        var patients = new Option<string>("--patients")
        {
            Description = "patients.csv (',' or ';', UTF-8 or Windows-1252). Required columns: patient_id, first_name, last_name.",
            Required = true,
        };
        var devices = new Option<string?>("--devices")
        {
            Description = "devices.csv. Required columns: patient_id, serial_number; also manufacturer, model, software_version.",
        };
        var db = CommonOptions.Db();
        var command = new Command("import",
            "Import patients and devices from CSV into the store. All or nothing: any structural error imports nothing, "
            + "lists every error as file:line: reason and exits 2. Re-importing updates patients by patient_id.")
        {
            patients, devices, db,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
            Run(parse.GetValue(patients)!, parse.GetValue(devices), parse.GetValue(db)!)));
        return command;
    }

    public static int Run(string patientsPath, string? devicesPath, string dbPath)
    {
        RequireFile(patientsPath);
        if (devicesPath is not null)
        {
            RequireFile(devicesPath);
        }

        using var db = StoreSchema.Open(dbPath);
        var result = new RecordsImporter().Import(db, patientsPath, devicesPath);
        foreach (var file in result.Files)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]{file.File}: {file.Records} rows, {file.Encoding}, delimiter '{file.Delimiter}'[/]");
        }

        foreach (var warning in result.Warnings)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]advarsel[/] {warning.ToString()}");
        }

        if (result.TotalWarnings > result.Warnings.Count)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]… and {result.TotalWarnings - result.Warnings.Count} more warnings[/]");
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            if (result.TotalErrors > result.Errors.Count)
            {
                Console.Error.WriteLine($"… and {result.TotalErrors - result.Errors.Count} more errors");
            }

            CommandRunner.Error($"{result.TotalErrors} error(s); nothing was imported.");
            return ExitCodes.BadInput;
        }

        AnsiConsole.MarkupLineInterpolated(
            System.Globalization.CultureInfo.InvariantCulture,
            $"[green]Imported[/] patients: {result.PatientsAdded} new, {result.PatientsUpdated} updated, {result.PatientsUnchanged} unchanged; devices: {result.DevicesImported}; warnings: {result.TotalWarnings}.");
        return ExitCodes.Done;
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: file not found.");
        }
    }
}
