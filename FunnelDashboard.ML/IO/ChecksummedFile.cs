using System.Buffers.Binary;
using FunnelDashboard.ML.Layers;

namespace FunnelDashboard.ML.IO;

/// <summary>
/// The frame every model file shares (MODEL-FORMAT.md): a 4-byte magic, a <c>uint16</c> format version, an
/// <c>int32</c> payload length, the payload, and the payload's CRC-32; and the payload's tensor list (name, rows,
/// cols, row-major float32 values). Reading names the file and what is wrong with it.
/// </summary>
public static class ChecksummedFile
{
    const int HeaderSize = 10; // magic, u16 version, i32 payload length

    public static void Write(Stream stream, ReadOnlySpan<byte> magic, int version, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)version);
        BinaryPrimitives.WriteInt32LittleEndian(header[6..], payload.Length);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32.Compute(payload));
        stream.Write(header);
        stream.Write(payload);
        stream.Write(checksum);
    }

    /// <summary>The payload, after checking magic, version, length and checksum.</summary>
    /// <param name="kind">What the file should be, for messages ("a forecast model").</param>
    /// <exception cref="InvalidDataException">Another kind of file, another version, truncated or corrupt.</exception>
    public static byte[] Read(Stream stream, string source, ReadOnlySpan<byte> magic, int version, string kind)
    {
        var header = ReadExactly(stream, HeaderSize, source, "header");
        if (!header.AsSpan(0, 4).SequenceEqual(magic))
            throw new InvalidDataException(
                $"{source} is not {kind} file: it starts with '{Printable(header.AsSpan(0, 4))}', expected '{Printable(magic)}'.");
        int found = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
        if (found != version)
            throw new InvalidDataException(
                $"{source} has model format version {found}; this build reads version {version} only. Retrain the model.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(6));
        if (length < 0) throw new InvalidDataException($"{source} is corrupt: negative payload length {length}.");
        if (stream.CanSeek && length > stream.Length - stream.Position)
            throw new InvalidDataException(
                $"{source} is truncated: its header announces {length} payload bytes, only {stream.Length - stream.Position} remain.");
        var body = ReadExactly(stream, length, source, "weights");
        var checksum = ReadExactly(stream, 4, source, "checksum");
        if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != Crc32.Compute(body))
            throw new InvalidDataException($"{source} is corrupt: its checksum does not match its contents.");
        return body;
    }

    /// <summary>The tensor count, then each parameter's name, shape and values.</summary>
    public static void WriteParameters(BinaryWriter writer, IReadOnlyList<Parameter> parameters)
    {
        writer.Write(parameters.Count);
        foreach (var parameter in parameters)
        {
            writer.Write(parameter.Name);
            writer.Write(parameter.Value.Rows);
            writer.Write(parameter.Value.Cols);
            foreach (float value in parameter.Value.Data) writer.Write(value);
        }
    }

    /// <summary>Reads the values into the given parameters, which must match the stored names and shapes in order.</summary>
    public static void ReadParameters(BinaryReader reader, IReadOnlyList<Parameter> parameters, string source)
    {
        int count = reader.ReadInt32();
        if (count != parameters.Count)
            throw new InvalidDataException($"{source} holds {count} weight tensors; its architecture needs {parameters.Count}.");
        foreach (var parameter in parameters)
        {
            string name = reader.ReadString();
            int rows = reader.ReadInt32(), cols = reader.ReadInt32();
            if (name != parameter.Name || rows != parameter.Value.Rows || cols != parameter.Value.Cols)
                throw new InvalidDataException(
                    $"{source} does not match its architecture: found {name} {rows}x{cols}, expected {parameter.Name} {parameter.Value}.");
            var data = parameter.Value.Data;
            for (int i = 0; i < data.Length; i++) data[i] = reader.ReadSingle();
        }
    }

    static byte[] ReadExactly(Stream stream, int count, string source, string part)
    {
        var buffer = new byte[count];
        int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (read < count)
            throw new InvalidDataException($"{source} is truncated: its {part} needs {count} bytes, only {read} remain.");
        return buffer;
    }

    static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(bytes.ToArray().Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:X2}"));
}
