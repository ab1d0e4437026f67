namespace FunnelDashboard.ML.Recommendation;

/// <summary>
/// Distinct (user, item) pairs over densely numbered users and items; the keys give each number's original id.
/// </summary>
public sealed class Interactions
{
    public Interactions(IReadOnlyList<string> userKeys, IReadOnlyList<string> itemKeys, int[] users, int[] items)
    {
        if (users.Length != items.Length) throw new ArgumentException($"{users.Length} users for {items.Length} items.", nameof(items));
        for (int i = 0; i < users.Length; i++)
            if ((uint)users[i] >= (uint)userKeys.Count || (uint)items[i] >= (uint)itemKeys.Count)
                throw new ArgumentOutOfRangeException(nameof(users), $"Pair {i} ({users[i]}, {items[i]}) is outside {userKeys.Count} users and {itemKeys.Count} items.");
        UserKeys = userKeys;
        ItemKeys = itemKeys;
        Users = users;
        Items = items;
    }

    public IReadOnlyList<string> UserKeys { get; }
    public IReadOnlyList<string> ItemKeys { get; }
    public int[] Users { get; }
    public int[] Items { get; }
    public int Count => Users.Length;
    public int UserCount => UserKeys.Count;
    public int ItemCount => ItemKeys.Count;

    /// <summary>The pairs at the given positions, over the same users and items.</summary>
    public Interactions Subset(IEnumerable<int> positions)
    {
        var chosen = positions.ToArray();
        return new Interactions(UserKeys, ItemKeys, chosen.Select(p => Users[p]).ToArray(), chosen.Select(p => Items[p]).ToArray());
    }

    /// <summary>How often each item occurs.</summary>
    public int[] ItemCounts()
    {
        var counts = new int[ItemCount];
        foreach (int item in Items) counts[item]++;
        return counts;
    }

    /// <summary>Each user's items.</summary>
    public HashSet<int>[] ItemsByUser()
    {
        var result = Enumerable.Range(0, UserCount).Select(_ => new HashSet<int>()).ToArray();
        for (int i = 0; i < Count; i++) result[Users[i]].Add(Items[i]);
        return result;
    }
}
