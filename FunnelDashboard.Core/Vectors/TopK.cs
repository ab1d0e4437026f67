namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// Keeps the k best (score, id) pairs seen so far in a min-heap whose root is the worst kept one, so a candidate
/// costs one comparison unless it gets in.
/// </summary>
internal sealed class TopK
{
    readonly SearchHit[] heap;
    int count;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        heap = new SearchHit[k];
    }

    /// <summary>The score a candidate must beat to get in (ties go to the smaller id).</summary>
    public float Threshold => count < heap.Length ? float.NegativeInfinity : heap[0].Score;

    public void Add(long id, float score)
    {
        var hit = new SearchHit(id, score);
        if (count < heap.Length)
        {
            heap[count] = hit;
            SiftUp(count++);
        }
        else if (Better(hit, heap[0]))
        {
            heap[0] = hit;
            SiftDown(0);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public SearchHit[] ToSortedArray()
    {
        var result = heap[..count];
        Array.Sort(result, (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return result;
    }

    static bool Better(SearchHit a, SearchHit b) => a.Score > b.Score || (a.Score == b.Score && a.Id < b.Id);

    void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(heap[parent], heap[i])) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    void SiftDown(int i)
    {
        while (true)
        {
            int worst = i, left = 2 * i + 1, right = left + 1;
            if (left < count && Better(heap[worst], heap[left])) worst = left;
            if (right < count && Better(heap[worst], heap[right])) worst = right;
            if (worst == i) return;
            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}
