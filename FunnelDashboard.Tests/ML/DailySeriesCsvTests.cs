using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

public sealed class DailySeriesCsvTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fd-series-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("date,value\n2025-03-01,4\n2025-03-03,6.5\n")]
    [InlineData("\"day\",\"visits\"\n\"2025-03-01\",\"4\"\n\"2025-03-03\",\"6.5\"\n")]
    [InlineData("2025-03-03,6.5\n2025-03-01,4\n\n")]
    public void Reads_with_or_without_a_header_and_leaves_gaps_unknown(string content)
    {
        File.WriteAllText(_path, content);

        var series = DailySeriesCsv.Read(_path);

        Assert.Equal(new DateOnly(2025, 3, 1), series.Start);
        Assert.Equal([4f, float.NaN, 6.5f], series.Values);
        Assert.Equal(1, series.MissingDays);
    }

    [Fact]
    public void Written_series_read_back_identically_with_unknown_days_still_unknown()
    {
        var series = SeriesGenerator.Generate(40, 9);
        series.Values[5] = float.NaN;

        DailySeriesCsv.Write(_path, series);
        var read = DailySeriesCsv.Read(_path);

        Assert.Equal(series.Start, read.Start);
        Assert.Equal(series.Values, read.Values);
    }

    [Theory]
    [InlineData("date,value\n2025-03-01,4\n2025-03-02\n", 3)]
    [InlineData("2025-03-01,4\n03/02/2025,5\n", 2)]
    [InlineData("2025-03-01,4,7\n", 1)]
    [InlineData("date,value\n2025-03-01,NaN\n", 2)]
    public void A_bad_row_names_the_file_and_line(string content, int line)
    {
        File.WriteAllText(_path, content);

        var error = Assert.Throws<FormatException>(() => DailySeriesCsv.Read(_path));

        Assert.StartsWith($"{_path}, line {line}:", error.Message);
    }
}
