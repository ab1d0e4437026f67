namespace FunnelDashboard.ML.Recommendation;

public enum InteractionFormat
{
    /// <summary><c>user item rating timestamp</c>, tab-separated, no header (MovieLens <c>u.data</c>).</summary>
    MovieLens,

    /// <summary><c>user_id,item_id[,timestamp]</c>, an optional header.</summary>
    Csv,
}

/// <summary>Reads interaction files; every row counts as an interaction (implicit feedback), repeated pairs once.</summary>
public static class InteractionFile
{
    /// <exception cref="FormatException">A row has too few fields; the message names the file and line.</exception>
    public static Interactions Read(string path, InteractionFormat format)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new HashSet<(int, int)>();
        var (userList, itemList) = (new List<int>(), new List<int>());
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = format == InteractionFormat.MovieLens ? line.Split('\t') : line.Split(',');
            int needed = format == InteractionFormat.MovieLens ? 4 : 2;
            if (fields.Length < needed || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
                throw new FormatException(format == InteractionFormat.MovieLens
                    ? $"{path}, line {lineNumber}: expected 'user<TAB>item<TAB>rating<TAB>timestamp', got '{line}'."
                    : $"{path}, line {lineNumber}: expected 'user_id,item_id[,timestamp]', got '{line}'.");
            var (user, item) = (fields[0].Trim().Trim('"'), fields[1].Trim().Trim('"'));
            if (format == InteractionFormat.Csv && lineNumber == 1 && user == "user_id") continue;
            int u = Number(users, user), i = Number(items, item);
            if (!pairs.Add((u, i))) continue;
            userList.Add(u);
            itemList.Add(i);
        }
        if (pairs.Count == 0) throw new FormatException($"{path}: no interactions.");
        return new Interactions(users.Keys.ToArray(), items.Keys.ToArray(), userList.ToArray(), itemList.ToArray());
    }

    static int Number(Dictionary<string, int> numbers, string key)
    {
        if (!numbers.TryGetValue(key, out int number)) numbers[key] = number = numbers.Count;
        return number;
    }
}
