using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.Tests.Core;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Instances;
using FunnelDashboard.Web.SimilarUsers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Tests.SimilarUsers;

/// <summary>
/// Similar-users services over a hand-built snapshot, on a SQLite vector store and a model directory in one temporary
/// folder; a second service on the same folder is the app after a restart.
/// </summary>
public sealed class TrainingHarness : IDisposable
{
    public string Folder { get; } = TestPaths.NewTempFolder();
    public string ModelDirectory => Path.Combine(Folder, "models");

    /// <summary>Two behaviours, each shown by users of both devices: searchers (home, search, three clicks on search)
    /// and bouncers (home only: two scrolls and a back). Ids 1-8 search, 101-108 bounce; even ids are mobile.</summary>
    public static EventSnapshot TwoBehaviours()
    {
        var factory = new SnapshotFactory();
        for (int i = 0; i < 8; i++)
        {
            long searcher = 1 + i, bouncer = 101 + i;
            string day = $"2015-01-{10 + i:D2}";
            factory.User(searcher, searcher % 2 == 0 ? Device.Mobile : Device.Desktop, Sex.Male, $"+home@{day} 10:00/20", $"search@{day} 10:01/20")
                .Interactions(searcher, $"search:click@{day} 10:01:05", $"search:click@{day} 10:01:09", $"search:click@{day} 10:01:15");
            factory.User(bouncer, bouncer % 2 == 0 ? Device.Mobile : Device.Desktop, Sex.Female, $"+home@{day} 11:00/40")
                .Interactions(bouncer, $"home:scroll@{day} 11:00:05", $"home:scroll@{day} 11:00:20", $"home:back@{day} 11:00:30");
        }
        return factory.Build();
    }

    public static SimilarUsersOptions SmallModel(string modelDirectory) => new()
    {
        ModelDirectory = modelDirectory, Dimensions = 8, Epochs = 60, BatchSize = 16, LearningRate = 0.05f, L2 = 0.05f, TrainOnStart = false,
    };

    public VectorStore Store(string database = "vectors.db") => new(SqlDatabase.ForSqlite(Path.Combine(Folder, database)));

    public SimilarUsersService Service(EventSnapshot snapshot, VectorStore? store = null, SimilarUsersOptions? options = null) =>
        new(() => snapshot, store ?? Store(), new NoOtherInstances(), Options.Create(options ?? SmallModel(ModelDirectory)), NullLogger<SimilarUsersService>.Instance);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
