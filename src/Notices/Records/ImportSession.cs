using Notices.Model;
using System.Data;
using System.Globalization;
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
    private readonly SqliteCommand _addId;
    private readonly SqliteCommand _findId;
    private readonly SqliteCommand _rememberId;
    private readonly SqliteCommand _readPatient;
    private readonly SqliteCommand _rememberDevice;
    private readonly SqliteCommand _findDevice;
    private readonly SqliteCommand _replaceDeviceSets;

    /// <param name="db">A context with an open transaction; everything written here commits or rolls back with it.</param>
    public ImportSession(NoticesDbContext db)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("An import needs an open transaction.");
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _transaction = (SqliteTransaction)transaction.GetDbTransaction();
        var patients = new StoreNames(db, typeof(Patient));
        var devices = new StoreNames(db, typeof(Device));
        var patientId = patients.Column(nameof(Patient.PatientId));

        // A pooled connection could still hold the tables of an import that never finished: start clean.
        Execute($"""
            DROP TABLE IF EXISTS {Ids};
            DROP TABLE IF EXISTS {DeviceRows};
            CREATE TEMP TABLE {Ids} (
                id_key TEXT NOT NULL PRIMARY KEY, patient_id TEXT NOT NULL, line INTEGER NOT NULL, imported INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TEMP TABLE {DeviceRows} (
                patient_id TEXT NOT NULL, manufacturer TEXT NOT NULL, model TEXT NOT NULL, serial_number TEXT NOT NULL,
                software_version TEXT NOT NULL, line INTEGER NOT NULL,
                PRIMARY KEY (patient_id, manufacturer, model, serial_number, software_version)) WITHOUT ROWID;
            """);

        // The store's ids under their case-insensitive key, so that a file's 'p1' meets the store's 'P1'.
        _connection.CreateFunction("notices_patient_id_key", (string id) => PatientIdKey.Of(id), isDeterministic: true);
        Execute($"INSERT OR IGNORE INTO {Ids} (id_key, patient_id, line, imported) " +
                $"SELECT notices_patient_id_key({patientId}), {patientId}, 0, 0 FROM {patients.Table}");

        _addId = Prepare($"INSERT OR IGNORE INTO {Ids} (id_key, patient_id, line, imported) VALUES ($key, $id, $line, $imported)",
            "$key", "$id", "$line", "$imported");
        _findId = Prepare($"SELECT patient_id, line, imported FROM {Ids} WHERE id_key = $key", "$key");
        _rememberId = Prepare(
            $"INSERT INTO {Ids} (id_key, patient_id, line, imported) VALUES ($key, $id, $line, $imported) " +
            "ON CONFLICT (id_key) DO UPDATE SET line = excluded.line, imported = excluded.imported",
            "$key", "$id", "$line", "$imported");
        _readPatient = Prepare(
            $"SELECT {string.Join(", ", PatientColumns.Select(patients.Column))} FROM {patients.Table} WHERE {patientId} = $id", "$id");
        _rememberDevice = Prepare(
            $"INSERT OR IGNORE INTO {DeviceRows} VALUES ($id, $manufacturer, $model, $serial, $version, $line)",
            "$id", "$manufacturer", "$model", "$serial", "$version", "$line");
        _findDevice = Prepare(
            $"SELECT line FROM {DeviceRows} WHERE patient_id = $id AND manufacturer = $manufacturer AND model = $model " +
            "AND serial_number = $serial AND software_version = $version",
            "$id", "$manufacturer", "$model", "$serial", "$version");

        // Device ids only grow (AUTOINCREMENT), so this import's rows are those above the highest id of today.
        var deviceId = devices.Column(nameof(Device.Id));
        var deviceOwner = devices.Column(nameof(Device.PatientId));
        _replaceDeviceSets = Prepare(
            $"DELETE FROM {devices.Table} WHERE {deviceId} <= $before AND {deviceOwner} IN " +
            $"(SELECT {deviceOwner} FROM {devices.Table} WHERE {deviceId} > $before)", "$before");
        using (var highest = Prepare($"SELECT coalesce(max({deviceId}), 0) FROM {devices.Table}"))
        {
            _replaceDeviceSets.Parameters[0].Value = Convert.ToInt64(highest.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

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
        nameof(Device.SoftwareVersion), nameof(Device.LotNumber), nameof(Device.UdiDi),
    ];

    /// <summary>
    /// Records that patients.csv names <paramref name="patientId"/> on <paramref name="line"/> when nothing (no earlier
    /// row, no patient in the store) holds its <paramref name="key"/> yet; false, changing nothing, when something does.
    /// </summary>
    /// <param name="imported">Whether the row is valid and gets written, so that later rows compare against it.</param>
    public bool TryAddId(string key, string patientId, int line, bool imported) =>
        Run(_addId, key, patientId, line, imported ? 1 : 0) == 1;

    /// <summary>The id seen under <paramref name="key"/> (see <see cref="PatientIdKey"/>), in patients.csv or the store.</summary>
    public KnownPatientId? FindId(string key)
    {
        _findId.Parameters[0].Value = key;
        using var reader = _findId.ExecuteReader();
        return reader.Read() ? new KnownPatientId(reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>Records that the valid row on <paramref name="line"/> wrote <paramref name="patientId"/>, replacing what its
    /// <paramref name="key"/> held before (the store's entry, or an earlier row with errors).</summary>
    public void RememberImported(string key, string patientId, int line) => Run(_rememberId, key, patientId, line, 1);

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

        return Convert.ToInt32(_findDevice.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void WriteDevice(Device device) => _deviceWriter.Write(device);

    /// <summary>
    /// Call once devices.csv is written: every patient it names gets exactly its rows, so the devices the store held
    /// for those patients before this import go, in one statement.
    /// </summary>
    public void ReplaceDeviceSets() => _replaceDeviceSets.ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in (SqliteCommand[])[_addId, _findId, _rememberId, _readPatient, _rememberDevice, _findDevice, _replaceDeviceSets])
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
