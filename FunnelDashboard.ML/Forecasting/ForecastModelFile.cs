using System.Buffers.Binary;
using System.Text;
using FunnelDashboard.ML.IO;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Saves and loads a <see cref="ForecastModel"/> in the binary format described in MODEL-FORMAT.md.</summary>
public static class ForecastModelFile
{
    public const int FormatVersion = 3;
    private static readonly byte[] Magic = "FDFM"u8.ToArray();
    private const int HeaderSize = 10; // magic, u16 version, i32 payload length

    public static void Save(ForecastModel model, Stream stream)
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            var a = model.Architecture;
            writer.Write(a.InputDays);
            writer.Write(a.Horizon);
            writer.Write(a.HiddenSize);
            writer.Write(a.LstmLayers);
            writer.Write(a.DenseSize);
            writer.Write(a.Dropout);
            writer.Write(a.AnchorWeeks);
            var intervals = model.Intervals;
            foreach (var offsets in new[] { intervals.Lower80, intervals.Upper80, intervals.Lower95, intervals.Upper95 })
                foreach (float offset in offsets) writer.Write(offset);
            writer.Write(model.Network.Parameters.Count);
            foreach (var parameter in model.Network.Parameters)
            {
                writer.Write(parameter.Name);
                writer.Write(parameter.Value.Rows);
                writer.Write(parameter.Value.Cols);
                foreach (float value in parameter.Value.Data) writer.Write(value);
            }
        }

        var body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[6..], body.Length);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32.Compute(body));
        stream.Write(header);
        stream.Write(body);
        stream.Write(checksum);
    }

    public static void Save(ForecastModel model, string path)
    {
        using var stream = File.Create(path);
        Save(model, stream);
    }

    public static ForecastModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <exception cref="InvalidDataException">
    /// The data is not a forecast model, has another format version, is truncated, or is corrupt.
    /// </exception>
    public static ForecastModel Load(Stream stream, string source = "stream")
    {
        var header = ReadExactly(stream, HeaderSize, source, "header");
        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException(
                $"{source} is not a forecast model file: it starts with '{Printable(header.AsSpan(0, 4))}', expected 'FDFM'.");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
        if (version != FormatVersion)
            throw new InvalidDataException(
                $"{source} has model format version {version}; this build reads version {FormatVersion} only. Retrain the model.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(6));
        if (length < 0) throw new InvalidDataException($"{source} is corrupt: negative payload length {length}.");
        if (stream.CanSeek && length > stream.Length - stream.Position)
            throw new InvalidDataException(
                $"{source} is truncated: its header announces {length} payload bytes, only {stream.Length - stream.Position} remain.");
        var body = ReadExactly(stream, length, source, "weights");
        var checksum = ReadExactly(stream, 4, source, "checksum");
        if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != Crc32.Compute(body))
            throw new InvalidDataException($"{source} is corrupt: its checksum does not match its contents.");

        try
        {
            return ReadPayload(new BinaryReader(new MemoryStream(body), Encoding.UTF8), source);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{source} is corrupt: its payload ends early.");
        }
    }

    private static ForecastModel ReadPayload(BinaryReader reader, string source)
    {
        var architecture = new ForecastArchitecture(
            InputDays: reader.ReadInt32(), Horizon: reader.ReadInt32(), HiddenSize: reader.ReadInt32(),
            LstmLayers: reader.ReadInt32(), DenseSize: reader.ReadInt32(), Dropout: reader.ReadSingle(), AnchorWeeks: reader.ReadInt32());
        ForecastNetwork network;
        try
        {
            network = new ForecastNetwork(architecture, new Random(0));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source} is corrupt: invalid architecture {architecture} ({e.Message}).");
        }

        float[] Offsets() => Enumerable.Range(0, architecture.Horizon).Select(_ => reader.ReadSingle()).ToArray();
        var intervals = new ForecastIntervals(Offsets(), Offsets(), Offsets(), Offsets());
        int count = reader.ReadInt32();
        if (count != network.Parameters.Count)
            throw new InvalidDataException($"{source} holds {count} weight tensors; its architecture needs {network.Parameters.Count}.");
        foreach (var parameter in network.Parameters)
        {
            string name = reader.ReadString();
            int rows = reader.ReadInt32(), cols = reader.ReadInt32();
            if (name != parameter.Name || rows != parameter.Value.Rows || cols != parameter.Value.Cols)
                throw new InvalidDataException(
                    $"{source} does not match its architecture: found {name} {rows}x{cols}, expected {parameter.Name} {parameter.Value}.");
            ReadFloats(reader, parameter.Value);
        }
        return new ForecastModel(architecture, network, intervals);
    }

    private static void ReadFloats(BinaryReader reader, Matrix target)
    {
        for (int i = 0; i < target.Data.Length; i++) target.Data[i] = reader.ReadSingle();
    }

    private static byte[] ReadExactly(Stream stream, int count, string source, string part)
    {
        var buffer = new byte[count];
        int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (read < count)
            throw new InvalidDataException($"{source} is truncated: its {part} needs {count} bytes, only {read} remain.");
        return buffer;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        string.Concat(bytes.ToArray().Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : $"\\x{b:X2}"));
}
