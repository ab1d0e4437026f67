using System.Text;
using FunnelDashboard.ML.IO;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Saves and loads a <see cref="ForecastModel"/> in the binary format described in MODEL-FORMAT.md.</summary>
public static class ForecastModelFile
{
    public const int FormatVersion = 3;
    private static readonly byte[] Magic = "FDFM"u8.ToArray();

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
            ChecksummedFile.WriteParameters(writer, model.Network.Parameters);
        }

        ChecksummedFile.Write(stream, Magic, FormatVersion, payload.GetBuffer().AsSpan(0, (int)payload.Length));
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
        var body = ChecksummedFile.Read(stream, source, Magic, FormatVersion, "a forecast model");
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
        ChecksummedFile.ReadParameters(reader, network.Parameters, source);
        return new ForecastModel(architecture, network, intervals);
    }
}
