using System.Text;
using FunnelDashboard.ML.IO;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>A trained two-tower model with what it needs to embed again: its users' and items' keys and features.</summary>
public sealed record TwoTowerSnapshot(TwoTowerModel Model, IReadOnlyList<string> UserKeys, IReadOnlyList<string> ItemKeys);

/// <summary>
/// Saves and loads a <see cref="TwoTowerModel"/> in the binary format of MODEL-FORMAT.md ("FDTT"): the weights, the
/// user and item keys, and both towers' feature matrices, so the embeddings can be recomputed from the file alone.
/// </summary>
public static class TwoTowerModelFile
{
    public const int FormatVersion = 1;
    static readonly byte[] Magic = "FDTT"u8.ToArray();

    public static void Save(TwoTowerSnapshot snapshot, Stream stream)
    {
        var model = snapshot.Model;
        if (snapshot.UserKeys.Count != model.UserTower.Count || snapshot.ItemKeys.Count != model.ItemTower.Count)
            throw new ArgumentException($"{snapshot.UserKeys.Count} user and {snapshot.ItemKeys.Count} item keys for a model of {model.UserTower.Count} users and {model.ItemTower.Count} items.", nameof(snapshot));
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(model.Dimensions);
            WriteKeys(writer, snapshot.UserKeys);
            WriteKeys(writer, snapshot.ItemKeys);
            WriteFeatures(writer, model.UserTower.FeatureValues);
            WriteFeatures(writer, model.ItemTower.FeatureValues);
            ChecksummedFile.WriteParameters(writer, model.Parameters);
        }
        ChecksummedFile.Write(stream, Magic, FormatVersion, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    public static void Save(TwoTowerSnapshot snapshot, string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew);
        Save(snapshot, stream);
        stream.Flush(flushToDisk: true);
    }

    public static TwoTowerSnapshot Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <exception cref="InvalidDataException">Not a two-tower model, another format version, truncated, or corrupt.</exception>
    public static TwoTowerSnapshot Load(Stream stream, string source = "stream")
    {
        var body = ChecksummedFile.Read(stream, source, Magic, FormatVersion, "a two-tower model");
        try
        {
            var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
            int dimensions = reader.ReadInt32();
            var userKeys = ReadKeys(reader);
            var itemKeys = ReadKeys(reader);
            var userFeatures = ReadFeatures(reader, userKeys.Count);
            var itemFeatures = ReadFeatures(reader, itemKeys.Count);
            if (dimensions < 1 || userKeys.Count == 0 || itemKeys.Count == 0)
                throw new InvalidDataException($"{source} is corrupt: {dimensions} dimensions, {userKeys.Count} users, {itemKeys.Count} items.");
            var model = new TwoTowerModel(userKeys.Count, itemKeys.Count, dimensions, new Random(0), userFeatures, itemFeatures);
            ChecksummedFile.ReadParameters(reader, model.Parameters, source);
            return new TwoTowerSnapshot(model, userKeys, itemKeys);
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException or OutOfMemoryException)
        {
            throw new InvalidDataException($"{source} is corrupt: its payload ends early or announces impossible sizes.");
        }
    }

    static void WriteKeys(BinaryWriter writer, IReadOnlyList<string> keys)
    {
        writer.Write(keys.Count);
        foreach (var key in keys) writer.Write(key);
    }

    static List<string> ReadKeys(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length) throw new EndOfStreamException();
        var keys = new List<string>(count);
        for (int i = 0; i < count; i++) keys.Add(reader.ReadString());
        return keys;
    }

    static void WriteFeatures(BinaryWriter writer, Matrix? features)
    {
        writer.Write(features?.Cols ?? 0);
        foreach (float value in features?.Data ?? []) writer.Write(value);
    }

    static Matrix? ReadFeatures(BinaryReader reader, int rows)
    {
        int cols = reader.ReadInt32();
        if (cols < 0 || (long)cols * rows * sizeof(float) > reader.BaseStream.Length) throw new EndOfStreamException();
        if (cols == 0) return null;
        var features = new Matrix(rows, cols);
        for (int i = 0; i < features.Data.Length; i++) features.Data[i] = reader.ReadSingle();
        return features;
    }
}
