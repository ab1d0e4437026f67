using System.Collections.Concurrent;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Answers computed once per (data version, question) and shared by every reader: concurrent askers of the same
/// question wait for one computation. Bounded: past its capacity, answers for older versions go first, then all.
/// A failed computation is not kept.
/// </summary>
public sealed class ResultCache(int capacity = 1024)
{
    readonly ConcurrentDictionary<(long Version, object Question), Lazy<object>> entries = new();

    public int Count => entries.Count;

    public T GetOrCompute<T>(long version, object question, Func<T> compute) where T : class
    {
        var key = (version, question);
        var entry = entries.GetOrAdd(key, _ => new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication));
        if (entries.Count > capacity) Trim(version);
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<(long, object), Lazy<object>>(key, entry));
            throw;
        }
    }

    void Trim(long newest)
    {
        foreach (var key in entries.Keys)
            if (key.Version < newest) entries.TryRemove(key, out _);
        if (entries.Count > capacity) entries.Clear();
    }
}
