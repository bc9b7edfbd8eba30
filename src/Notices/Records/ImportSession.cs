using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Notices.Store;

namespace Notices.Records;

/// <summary>
/// The store side of one import, inside the caller's transaction: rows are written as they are read, one prepared
/// single-row statement each, so no statement ever comes near SQLite's limit on variables and memory holds one row.
/// What the import must remember across rows (the patient ids seen, by case-insensitive key, and the device rows seen)
/// lives in two TEMP tables, which SQLite keeps in its own page cache and temp file, not in managed memory.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    private const string Ids = "temp.notices_import_ids";
    private const string DeviceRows = "temp.notices_import_device_rows";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly EntityRowWriter<Patient> _patientWriter;
    private readonly EntityRowWriter<Device> _deviceWriter;
    private readonly SqliteCommand _findId;
    private readonly SqliteCommand _rememberId;
    private readonly SqliteCommand _readPatient;
    private readonly SqliteCommand _claimDevices;
    private readonly SqliteCommand _deleteDevices;
    private readonly SqliteCommand _rememberDevice;
    private readonly SqliteCommand _findDevice;

    /// <param name="db">A context with an open transaction; everything written here commits or rolls back with it.</param>
    public ImportSession(NoticesDbContext db)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("An import needs an open transaction.");
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _transaction = (SqliteTransaction)transaction.GetDbTransaction();
        var patients = new StoreNames(db, typeof(Patient));
        var devices = new StoreNames(db, typeof(Device));
        var patientId = patients.Column(nameof(Patient.PatientId));

        // A pooled connection may still hold the tables of an import whose process state was lost: start clean.
        Execute($"""
            DROP TABLE IF EXISTS {Ids};
            DROP TABLE IF EXISTS {DeviceRows};
            CREATE TEMP TABLE {Ids} (
                id_key TEXT NOT NULL PRIMARY KEY, patient_id TEXT NOT NULL, line INTEGER NOT NULL,
                imported INTEGER NOT NULL, devices_claimed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TEMP TABLE {DeviceRows} (
                patient_id TEXT NOT NULL, manufacturer TEXT NOT NULL, model TEXT NOT NULL, serial_number TEXT NOT NULL,
                software_version TEXT NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (patient_id, manufacturer, model, serial_number, software_version)) WITHOUT ROWID;
            """);

        // The store's ids under their case-insensitive key, so a file's 'p1' meets the store's 'P1'.
        _connection.CreateFunction("notices_patient_id_key", (string id) => PatientIdKey.Of(id), isDeterministic: true);
        Execute($"INSERT OR IGNORE INTO {Ids} (id_key, patient_id, line, imported) " +
                $"SELECT notices_patient_id_key({patientId}), {patientId}, 0, 0 FROM {patients.Table}");

        _findId = Prepare($"SELECT patient_id, line, imported FROM {Ids} WHERE id_key = $key", "$key");
        _rememberId = Prepare(
            $"INSERT INTO {Ids} (id_key, patient_id, line, imported) VALUES ($key, $id, $line, $imported) " +
            "ON CONFLICT (id_key) DO UPDATE SET line = excluded.line, imported = excluded.imported",
            "$key", "$id", "$line", "$imported");
        _readPatient = Prepare(
            $"SELECT {string.Join(", ", PatientColumns.Select(patients.Column))} FROM {patients.Table} WHERE {patientId} = $id", "$id");
        _claimDevices = Prepare($"UPDATE {Ids} SET devices_claimed = 1 WHERE id_key = $key AND devices_claimed = 0", "$key");
        _deleteDevices = Prepare($"DELETE FROM {devices.Table} WHERE {devices.Column(nameof(Device.PatientId))} = $id", "$id");
        const string deviceKey = "patient_id = $id AND manufacturer = $manufacturer AND model = $model AND serial_number = $serial AND software_version = $version";
        _rememberDevice = Prepare(
            $"INSERT OR IGNORE INTO {DeviceRows} VALUES ($id, $manufacturer, $model, $serial, $version, $line)",
            "$id", "$manufacturer", "$model", "$serial", "$version", "$line");
        _findDevice = Prepare($"SELECT line FROM {DeviceRows} WHERE {deviceKey}", "$id", "$manufacturer", "$model", "$serial", "$version");

        _patientWriter = new EntityRowWriter<Patient>(db, WrittenPatientProperties, upsertKey: nameof(Patient.PatientId));
        _deviceWriter = new EntityRowWriter<Device>(db, WrittenDeviceProperties);
    }

    private static string[] PatientColumns { get; } =
    [
        nameof(Patient.FirstName), nameof(Patient.LastName), nameof(Patient.AddressLine1), nameof(Patient.AddressLine2),
        nameof(Patient.PostalCode), nameof(Patient.City), nameof(Patient.Country), nameof(Patient.Email),
        nameof(Patient.EmailConsent), nameof(Patient.EmailValid), nameof(Patient.LargePrint),
    ];

    private static string[] WrittenPatientProperties { get; } = [nameof(Patient.PatientId), .. PatientColumns, nameof(Patient.UpdatedAt)];

    private static string[] WrittenDeviceProperties { get; } =
    [
        nameof(Device.PatientId), nameof(Device.Manufacturer), nameof(Device.Model), nameof(Device.SerialNumber),
        nameof(Device.SoftwareVersion),
    ];

    /// <summary>The id seen under <paramref name="key"/> (see <see cref="PatientIdKey"/>), in patients.csv or the store.</summary>
    public KnownPatientId? FindId(string key)
    {
        _findId.Parameters[0].Value = key;
        using var reader = _findId.ExecuteReader();
        return reader.Read() ? new KnownPatientId(reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>Records that patients.csv names <paramref name="patientId"/> on <paramref name="line"/>.</summary>
    /// <param name="imported">Whether the row was valid and written, so later rows compare against it.</param>
    public void RememberId(string key, string patientId, int line, bool imported) =>
        Run(_rememberId, key, patientId, line, imported ? 1 : 0);

    /// <summary>The patient as the store holds it now, including this import's writes; null when absent.</summary>
    public Patient? ReadPatient(string patientId)
    {
        _readPatient.Parameters[0].Value = patientId;
        using var reader = _readPatient.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Patient
        {
            PatientId = patientId,
            FirstName = reader.GetString(0),
            LastName = reader.GetString(1),
            AddressLine1 = Text(2),
            AddressLine2 = Text(3),
            PostalCode = Text(4),
            City = Text(5),
            Country = reader.GetString(6),
            Email = Text(7),
            EmailConsent = reader.GetBoolean(8),
            EmailValid = reader.GetBoolean(9),
            LargePrint = reader.GetBoolean(10),
        };
    }

    /// <summary>Inserts or updates <paramref name="patient"/> by patient_id.</summary>
    public void WritePatient(Patient patient) => _patientWriter.Write(patient);

    /// <summary>
    /// The first time devices.csv names a patient, removes the devices the store holds for it: the file's rows are
    /// that patient's whole device set. Later calls for the same patient do nothing.
    /// </summary>
    public void ClaimDeviceSet(string key, string patientId)
    {
        if (Run(_claimDevices, key) == 1)
        {
            Run(_deleteDevices, patientId);
        }
    }

    /// <summary>Remembers a device row; returns the line of an earlier identical row instead when there is one.</summary>
    public int? RememberDevice(Device device, int line)
    {
        object[] key = [device.PatientId, device.Manufacturer, device.Model, device.SerialNumber, device.SoftwareVersion ?? ""];
        if (Run(_rememberDevice, [.. key, line]) == 1)
        {
            return null;
        }

        for (var i = 0; i < key.Length; i++)
        {
            _findDevice.Parameters[i].Value = key[i];
        }

        return Convert.ToInt32(_findDevice.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void WriteDevice(Device device) => _deviceWriter.Write(device);

    public void Dispose()
    {
        foreach (var command in (SqliteCommand[])[_findId, _rememberId, _readPatient, _claimDevices, _deleteDevices, _rememberDevice, _findDevice])
        {
            command.Dispose();
        }

        _patientWriter.Dispose();
        _deviceWriter.Dispose();
        // Dropped inside the transaction while it is open; a rolled-back transaction takes the tables with it.
        if (_connection.State == ConnectionState.Open && _transaction.Connection is not null)
        {
            try
            {
                Execute($"DROP TABLE IF EXISTS {Ids}; DROP TABLE IF EXISTS {DeviceRows};");
            }
            catch (SqliteException)
            {
                // The transaction is failing already; its rollback removes the tables.
            }
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
