using System.Globalization;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>
/// Writes a dataset folder in the classic e-commerce funnel schema at that dataset's scale and shape: users first seen
/// 2015-01-01..2015-04-30 (fewer at weekends, fewer from March), two desktop users to one mobile, and each page reached
/// by a subset of the previous one with rates that differ by device (mobile converts better after search) and a little
/// by sex. Deterministic for a given seed.
/// </summary>
public static class DatasetGenerator
{
    public const int DefaultUsers = 90_400;
    public static readonly DateOnly FirstDay = new(2015, 1, 1);
    public static readonly DateOnly LastDay = new(2015, 4, 30);

    /// <summary>Probability of reaching the next page given the current one, per device: search, payment, confirmation.</summary>
    static readonly double[][] StepRates =
    [
        [0.50, 0.10, 0.050], // Desktop
        [0.50, 0.20, 0.100], // Mobile
    ];

    public static void Generate(string folder, int users = DefaultUsers, long seed = 42)
    {
        if (users is < 1 or > DatasetReader.MaxUsers) throw new ArgumentOutOfRangeException(nameof(users), $"users must be 1 to {DatasetReader.MaxUsers:N0}");
        Directory.CreateDirectory(folder);
        var random = new SplitMix64((ulong)seed);
        var ids = UniqueIds(users, ref random);
        var dayWeights = DayWeights();

        var userLines = new List<string>(users + 1) { string.Join(",", DatasetFiles.UserColumns) };
        var pageLines = Names.AllPages.Select(_ => new List<string> { string.Join(",", DatasetFiles.PageColumns) }).ToArray();
        foreach (var id in ids)
        {
            var (device, sex) = PickDeviceAndSex(ref random);
            var date = PickDay(dayWeights, ref random);
            userLines.Add(string.Join(",", id.ToString(CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), device, sex));
            for (int step = 0, reached = PickPagesReached(device, sex, ref random); step < reached; step++)
                pageLines[step].Add($"{id},{Names.DatasetName((FunnelPage)step)}");
        }

        WriteAtomically(Path.Combine(folder, DatasetFiles.Users), userLines);
        foreach (var page in Names.AllPages)
            WriteAtomically(Path.Combine(folder, DatasetFiles.ForPage(page)), pageLines[(int)page]);
    }

    /// <summary>Two desktop users to one mobile; as many women as men.</summary>
    public static (Device Device, Sex Sex) PickDeviceAndSex(ref SplitMix64 random)
    {
        var device = random.Chance(2.0 / 3) ? Device.Desktop : Device.Mobile;
        return (device, random.Chance(0.5) ? Sex.Male : Sex.Female);
    }

    /// <summary>How many funnel pages a user reaches (1 = home only), by the step rates of their device and sex.</summary>
    public static int PickPagesReached(Device device, Sex sex, ref SplitMix64 random)
    {
        var sexFactor = sex == Sex.Female ? 1.05 : 0.95;
        var reached = 1;
        while (reached < Names.AllPages.Count && random.Chance(StepRates[(int)device][reached - 1] * (reached == 1 ? 1 : sexFactor))) reached++;
        return reached;
    }

    static long[] UniqueIds(int count, ref SplitMix64 random)
    {
        var ids = new HashSet<long>(count);
        var max = Math.Max(1_000_000, count * 10L);
        while (ids.Count < count) ids.Add(1 + (long)(random.NextUInt64() % (ulong)max));
        return [.. ids];
    }

    static double[] DayWeights()
    {
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;
        var weights = new double[days];
        for (var i = 0; i < days; i++)
        {
            var date = FirstDay.AddDays(i);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8 : 1.0;
            var season = date.Month >= 3 ? 0.7 : 1.0;
            weights[i] = weekend * season;
        }
        return weights;
    }

    static DateOnly PickDay(double[] weights, ref SplitMix64 random)
    {
        var pick = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            if ((pick -= weights[i]) < 0) return FirstDay.AddDays(i);
        return LastDay;
    }

    static void WriteAtomically(string path, IEnumerable<string> lines)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }
}
