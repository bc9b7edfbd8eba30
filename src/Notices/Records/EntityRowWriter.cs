using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Notices.Records;

/// <summary>
/// Inserts (or upserts) entities with one reused, parameterised SQL command inside the context's current transaction.
/// Table, column names and parameter conversions come from the EF Core model, so the rows are exactly what EF would
/// write, without change tracking (which costs seconds for tens of thousands of rows).
/// </summary>
internal sealed class EntityRowWriter<T> : IDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly IProperty[] _properties;
    private readonly ValueConverter?[] _converters;

    /// <param name="db">A context with an open transaction.</param>
    /// <param name="propertyNames">The properties to write, in any order.</param>
    /// <param name="upsertKey">When set, a row whose key exists is updated instead (<c>ON CONFLICT … DO UPDATE</c>).</param>
    public EntityRowWriter(DbContext db, IReadOnlyList<string> propertyNames, string? upsertKey = null)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("EntityRowWriter needs an open transaction.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var storeObject = StoreObjectIdentifier.Table(table, entity.GetSchema());
        _properties = propertyNames
            .Select(n => entity.FindProperty(n) ?? throw new InvalidOperationException($"{typeof(T).Name}.{n} is not mapped."))
            .ToArray();
        var mappings = _properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        _converters = mappings.Select(m => m.Converter).ToArray();
        var parameterNames = _properties.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var columns = _properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(storeObject)!)).ToArray();

        var text = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", columns)}) " +
                   $"VALUES ({string.Join(", ", parameterNames)})";
        if (upsertKey is not null)
        {
            var key = sql.DelimitIdentifier(entity.FindProperty(upsertKey)!.GetColumnName(storeObject)!);
            var updates = columns.Where(c => c != key).Select(c => $"{c} = excluded.{c}");
            text += $" ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", updates)}";
        }

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();
        _command.CommandText = text;

        // The parameters are made once through the type mappings (which set their store types) and get a new value
        // per row, converted as EF would; the statement stays prepared.
        for (var i = 0; i < _properties.Length; i++)
        {
            _command.Parameters.Add(mappings[i].CreateParameter(_command, parameterNames[i], null, _properties[i].IsNullable));
        }

        _command.Prepare();
    }

    public void Write(T row)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            var value = _properties[i].PropertyInfo!.GetValue(row);
            if (value is not null && _converters[i] is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            _command.Parameters[i].Value = value ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
