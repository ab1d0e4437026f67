namespace FunnelDashboard.Web.Instances;

/// <summary>What an instance tells the others that share its store and model directory.</summary>
public enum InstanceMessage
{
    /// <summary>New events are in the store: refresh the analytics.</summary>
    DataStored,

    /// <summary>The forecast models served changed (a version activated, trained, rolled back): reload them from the registry.</summary>
    ForecastModelsChanged,

    /// <summary>A new two-tower version is served (its embeddings are in the store): serve it too.</summary>
    SimilarUsersModelChanged,
}

/// <summary>
/// Tells the other app instances that share the store about new events and models, and this one about theirs.
/// Alone (no Redis configured) it tells nobody: each instance still finds new data by polling the store.
/// </summary>
public interface IInstanceMessages
{
    void Publish(InstanceMessage message);
    event Action<InstanceMessage>? Received;
}

public sealed class NoOtherInstances : IInstanceMessages
{
    public void Publish(InstanceMessage message) { }
    public event Action<InstanceMessage>? Received { add { } remove { } }
}
