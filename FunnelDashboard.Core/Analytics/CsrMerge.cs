namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// How to merge per-user runs of rows (a snapshot's visits or interactions) with new rows: for each merged user its
/// old run and its new rows interleaved by time, old first on ties. The plan is a list of copies, so every column of the
/// rows is merged by the same <see cref="Apply{T}"/>: users without new rows are copied in runs (one copy for
/// consecutive ones), so growing a large snapshot by a small tail stays cheap.
/// </summary>
internal sealed class CsrMerge
{
    readonly List<(int To, int From, int Count, bool Old)> copies = [];
    readonly int[] addedOrder;

    /// <summary>The merged offsets: user u's rows are [Start[u], Start[u + 1]).</summary>
    public int[] Start { get; }
    public int Total => Start[^1];

    /// <param name="oldIndex">For each merged user, its index in the old runs or -1.</param>
    /// <param name="oldStart">The old runs' offsets.</param>
    /// <param name="oldTime">The old rows' times.</param>
    /// <param name="addedStart">For each merged user, its new rows' range in <paramref name="addedOrder"/>.</param>
    /// <param name="addedOrder">New row indexes grouped by user, in time order within a user.</param>
    /// <param name="addedTime">The new rows' times.</param>
    public CsrMerge(int[] oldIndex, int[] oldStart, int[] oldTime, int[] addedStart, int[] addedOrder, List<int> addedTime)
    {
        this.addedOrder = addedOrder;
        var users = oldIndex.Length;
        Start = new int[users + 1];
        for (var u = 0; u < users; u++)
        {
            var (o, oEnd) = oldIndex[u] < 0 ? (0, 0) : (oldStart[oldIndex[u]], oldStart[oldIndex[u] + 1]);
            var (a, aEnd) = (addedStart[u], addedStart[u + 1]);
            var w = Start[u];
            Start[u + 1] = w + (oEnd - o) + (aEnd - a);
            while (o < oEnd || a < aEnd)
            {
                if (a == aEnd) { Copy(w, o, oEnd - o, old: true); break; }
                if (o == oEnd) { Copy(w, a, aEnd - a, old: false); break; }
                if (oldTime[o] <= addedTime[addedOrder[a]]) Copy(w, o++, 1, old: true);
                else Copy(w, a++, 1, old: false);
                w++;
            }
        }
    }

    /// <summary>Adds a copy, extending the previous one when it continues it.</summary>
    void Copy(int to, int from, int count, bool old)
    {
        if (count == 0) return;
        if (copies.Count > 0 && copies[^1] is var last && last.Old == old && last.To + last.Count == to && last.From + last.Count == from)
            copies[^1] = last with { Count = last.Count + count };
        else
            copies.Add((to, from, count, old));
    }

    /// <summary>One merged column from the old column and the new rows' values.</summary>
    public T[] Apply<T>(T[] old, List<T> added)
    {
        var result = new T[Total];
        foreach (var (to, from, count, isOld) in copies)
        {
            if (isOld) Array.Copy(old, from, result, to, count);
            else
                for (var i = 0; i < count; i++) result[to + i] = added[addedOrder[from + i]];
        }
        return result;
    }
}
