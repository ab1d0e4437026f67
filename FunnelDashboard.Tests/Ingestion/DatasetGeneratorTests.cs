using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Ingestion;

public class DatasetGeneratorTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    [Fact]
    public void Writes_a_valid_dataset_with_the_classic_shape()
    {
        DatasetGenerator.Generate(folder, users: 20_000, seed: 9);
        var dataset = DatasetReader.Read(folder);

        Assert.Equal(20_000, dataset.Users.Count);
        Assert.All(dataset.Users, u => Assert.InRange(u.User.FirstVisit, DatasetGenerator.FirstDay, DatasetGenerator.LastDay));
        var mobile = dataset.Users.Count(u => u.User.Device == Device.Mobile);
        Assert.InRange(mobile / 20_000.0, 0.30, 0.37);

        double Rate(Device device, FunnelPage page) =>
            (double)dataset.Users.Count(u => u.User.Device == device && u.PagesReached > (int)page)
            / dataset.Users.Count(u => u.User.Device == device && u.PagesReached >= (int)page);
        Assert.InRange(Rate(Device.Desktop, FunnelPage.Search), 0.47, 0.53);
        Assert.True(Rate(Device.Mobile, FunnelPage.Payment) > 1.5 * Rate(Device.Desktop, FunnelPage.Payment), "mobile converts better after search");
    }

    [Fact]
    public void Is_deterministic_per_seed()
    {
        DatasetGenerator.Generate(Path.Combine(folder, "a"), users: 1_000, seed: 4);
        DatasetGenerator.Generate(Path.Combine(folder, "b"), users: 1_000, seed: 4);
        DatasetGenerator.Generate(Path.Combine(folder, "c"), users: 1_000, seed: 5);
        foreach (var file in DatasetFiles.All)
            Assert.Equal(File.ReadAllText(Path.Combine(folder, "a", file)), File.ReadAllText(Path.Combine(folder, "b", file)));
        Assert.NotEqual(File.ReadAllText(Path.Combine(folder, "a", DatasetFiles.Users)), File.ReadAllText(Path.Combine(folder, "c", DatasetFiles.Users)));
    }

    [Fact]
    public void The_committed_seed_data_is_what_the_generator_makes()
    {
        DatasetGenerator.Generate(folder);
        foreach (var file in DatasetFiles.All)
            Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.SeedData, file)), File.ReadAllText(Path.Combine(folder, file)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
