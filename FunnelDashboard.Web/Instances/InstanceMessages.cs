namespace FunnelDashboard.Web.Instances;

/// <summary>What an instance tells the others that share its store.</summary>
public enum InstanceMessage { DataStored }

/// <summary>
/// Tells the other app instances that share the store about new events, and this one about theirs.
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
