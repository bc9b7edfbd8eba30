using Microsoft.Data.Sqlite;
using Notices.Campaigns;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>devices.csv's optional lot_number and udi_di columns: read, cleaned like other fields, stored and planned from.</summary>
public sealed class DevicesLotUdiTests : IDisposable
{
    private readonly RecordsTestStore _store = new();

    public void Dispose() => _store.Dispose();

    private string Patients() => _store.WriteFile("patients.csv",
    [
        RecordsTestStore.PatientsHeader,
        "P1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
        "P2;Ida;Holm;Vej 2;;8000;Aarhus C;DK;;nej;nej",
    ]);

    [Fact]
    public void Lot_and_udi_di_are_read_with_upper_case_headers_in_any_order()
    {
        var devices = _store.WriteFile("devices.csv",
        [
            "UDI_DI;Patient_ID;MANUFACTURER;Model;SERIAL_NUMBER;Lot_Number",
            "08717648200274;P1;Roche;Accu-Chek Insight;RI1;L2301",
            ";P2;Medtronic;MiniMed 780G;NG1; ",
        ]);

        var result = _store.Import(Patients(), devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var p1 = Assert.Single(_store.Devices("P1"));
        Assert.Equal(("L2301", "08717648200274"), (p1.LotNumber, p1.UdiDi));
        var p2 = Assert.Single(_store.Devices("P2"));
        Assert.Equal(((string?)null, (string?)null), (p2.LotNumber, p2.UdiDi));
    }

    [Fact]
    public void Files_without_the_new_columns_stay_valid()
    {
        var devices = _store.WriteFile("devices.csv", ["patient_id;manufacturer;model;serial_number;software_version", "P1;Medtronic;MiniMed 508;S1;"]);

        var result = _store.Import(Patients(), devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Null(Assert.Single(_store.Devices("P1")).LotNumber);
    }

    [Fact]
    public void Control_characters_in_lot_and_udi_di_are_cleaned_with_a_warning_and_nul_is_refused()
    {
        var devices = _store.WriteFile("devices.csv",
        [
            "patient_id;manufacturer;model;serial_number;lot_number;udi_di",
            "P1;Roche;Accu-Chek Insight;RI1;\"L23\t01 \";\" 0871\n7648 \"",
        ]);

        var result = _store.Import(Patients(), devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Reason.Contains("lot_number, udi_di", StringComparison.Ordinal));
        var device = Assert.Single(_store.Devices("P1"));
        Assert.Equal(("L23 01", "0871 7648"), (device.LotNumber, device.UdiDi));

        var bad = _store.WriteFile("devices-nul.csv", ["patient_id;manufacturer;model;serial_number;lot_number", "P1;Roche;Insight;RI1;L\u00001"]);
        var refused = _store.Import(Patients(), bad);
        Assert.Contains(refused.Errors, e => e.Line == 2 && e.Reason.Contains("NUL", StringComparison.Ordinal) && e.Reason.Contains("lot_number", StringComparison.Ordinal));
    }

    [Fact]
    public void The_store_source_reads_lot_and_udi_di_for_the_planner()
    {
        var devices = _store.WriteFile("devices.csv", ["patient_id;serial_number;lot_number;udi_di", "P1;S1;L9;U9"]);
        Assert.True(_store.Import(Patients(), devices).Succeeded);

        using var db = StoreSchema.Open(_store.DbPath);
        var records = new StorePatientRecordSource(db).ReadAll().Single(r => r.Patient.PatientId == "P1");

        Assert.Equal(("L9", "U9"), (records.Devices[0].LotNumber, records.Devices[0].UdiDi));
    }

    [Fact]
    public void A_version_2_store_gains_the_columns_keeps_its_devices_and_takes_lots()
    {
        Assert.True(_store.Import(Patients(), _store.WriteFile("devices.csv", ["patient_id;serial_number", "P1;OLD1"])).Succeeded);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={_store.DbPath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                ALTER TABLE devices DROP COLUMN "LotNumber";
                ALTER TABLE devices DROP COLUMN "UdiDi";
                PRAGMA user_version = 2;
                """;
            cmd.ExecuteNonQuery();
        }

        using (var db = StoreSchema.OpenExisting(_store.DbPath))
        {
            Assert.Equal(3, StoreSchema.ReadUserVersion(db));
            Assert.Equal("OLD1", Assert.Single(db.Devices).SerialNumber);
        }

        var devices = _store.WriteFile("devices2.csv", ["patient_id;serial_number;lot_number", "P2;NEW1;L1"]);
        Assert.True(_store.Import(Patients(), devices).Succeeded);
        Assert.Equal("L1", Assert.Single(_store.Devices("P2")).LotNumber);
        Assert.Null(Assert.Single(_store.Devices("P1")).LotNumber);
    }
}
