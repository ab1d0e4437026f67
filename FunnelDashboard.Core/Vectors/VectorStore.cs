using System.Data.Common;
using System.Runtime.InteropServices;

using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// Embedding collections in the app's SQL store (SQLite or PostgreSQL), in a table of their own that this class
/// creates idempotently (see <see cref="SqlDatabase"/>), apart from the event schema's migrations. Embeddings are stored as little-endian float32 bytes.
/// </summary>
public sealed class VectorStore
{
    const string Table = "vector_embeddings";
    readonly SqlDatabase database;

    public VectorStore(SqlDatabase database)
    {
        this.database = database;
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = Command(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                collection TEXT NOT NULL, id BIGINT NOT NULL, key TEXT NOT NULL, attribute TEXT, dimensions INTEGER NOT NULL,
                embedding {database.BytesType} NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (collection, id))
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts or replaces the given entries in one transaction: all are stored or none.</summary>
    public async Task UpsertAsync(string collection, IReadOnlyList<StoredVector> vectors, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = Command(connection, transaction, $"""
            INSERT INTO {Table} (collection, id, key, attribute, dimensions, embedding, updated_at)
            VALUES (@collection, @id, @key, @attribute, @dimensions, @embedding, @updated_at)
            ON CONFLICT (collection, id) DO UPDATE SET key = excluded.key, attribute = excluded.attribute,
                dimensions = excluded.dimensions, embedding = excluded.embedding, updated_at = excluded.updated_at
            """);
        var parameters = new[] { "collection", "id", "key", "attribute", "dimensions", "embedding", "updated_at" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var vector in vectors)
        {
            parameters[0].Value = collection;
            parameters[1].Value = vector.Id;
            parameters[2].Value = vector.Key;
            parameters[3].Value = (object?)vector.Attribute ?? DBNull.Value;
            parameters[4].Value = vector.Embedding.Length;
            parameters[5].Value = MemoryMarshal.AsBytes(vector.Embedding.AsSpan()).ToArray();
            parameters[6].Value = vector.Timestamp;
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The collection's entries by ascending id (empty when it has none).</summary>
    public async Task<IReadOnlyList<StoredVector>> LoadAsync(string collection, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = Command(connection, null,
            $"SELECT id, key, attribute, dimensions, embedding, updated_at FROM {Table} WHERE collection = @collection ORDER BY id",
            ("collection", collection));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<StoredVector>();
        while (await reader.ReadAsync(ct))
        {
            var bytes = (byte[])reader.GetValue(4);
            int dimensions = reader.GetInt32(3);
            if (bytes.Length != dimensions * sizeof(float))
                throw new InvalidDataException($"{Table}: {collection} id {reader.GetInt64(0)} has {bytes.Length} bytes for {dimensions} dimensions.");
            result.Add(new StoredVector(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                MemoryMarshal.Cast<byte, float>(bytes).ToArray(), reader.GetInt64(5)));
        }
        return result;
    }

    /// <summary>Removes a collection's entries, e.g. before storing a retrained model's.</summary>
    public async Task DeleteAsync(string collection, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = Command(connection, null, $"DELETE FROM {Table} WHERE collection = @collection", ("collection", collection));
        await command.ExecuteNonQueryAsync(ct);
    }

    static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters) =>
        SqlCommands.Create(connection, transaction, sql, parameters);
}
