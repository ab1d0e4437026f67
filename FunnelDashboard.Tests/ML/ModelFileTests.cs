using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

public class ModelFileTests
{
    private static readonly Lazy<ForecastTrainingResult> Trained = new(() => QuickTraining.Train());

    private static byte[] SavedBytes()
    {
        var stream = new MemoryStream();
        ForecastModelFile.Save(Trained.Value.Model, stream);
        return stream.ToArray();
    }

    private static InvalidDataException LoadFails(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ForecastModelFile.Load(new MemoryStream(bytes), "model.fdfm"));

    [Fact]
    public void A_loaded_model_forecasts_and_bounds_bit_identically_to_the_saved_one()
    {
        var history = SeriesGenerator.Generate(90, 5);
        string path = Path.Combine(Path.GetTempPath(), $"fd-model-{Guid.NewGuid():N}.fdfm");
        try
        {
            ForecastModelFile.Save(Trained.Value.Model, path);
            var loaded = ForecastModelFile.Load(path);

            Assert.Equal(Trained.Value.Model.Architecture, loaded.Architecture);
            Assert.Equal(Trained.Value.Model.Forecast(history), loaded.Forecast(history)); // values and intervals
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wrong_magic_is_rejected()
    {
        var bytes = SavedBytes();
        "PK\x03\x04"u8.CopyTo(bytes);
        var error = LoadFails(bytes);
        Assert.Contains("model.fdfm is not a forecast model file", error.Message);
        Assert.Contains("expected 'FDFM'", error.Message);
    }

    [Fact]
    public void Another_format_version_is_rejected()
    {
        var bytes = SavedBytes();
        bytes[4] = 1; // version 1: the MinMax-scaled model before log-space residuals
        var error = LoadFails(bytes);
        Assert.Contains("format version 1", error.Message);
        Assert.Contains("reads version 3", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(-2)] // cut inside the checksum
    public void Truncated_files_are_rejected(int keep)
    {
        var bytes = SavedBytes();
        var error = LoadFails(bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Corrupt_contents_are_rejected_by_the_checksum()
    {
        var bytes = SavedBytes();
        bytes[bytes.Length / 2] ^= 0x10;
        var error = LoadFails(bytes);
        Assert.Contains("corrupt", error.Message);
        Assert.Contains("checksum", error.Message);
    }
}
