using System.Globalization;
using System.Security.Cryptography;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>A user of a dataset folder, where in user_table.csv they stand, and how far down the funnel they went.</summary>
public sealed record DatasetUser(User User, int Line, int PagesReached)
{
    public FunnelPage DeepestPage => (FunnelPage)(PagesReached - 1);
}

public sealed record Dataset(string Folder, string Fingerprint, IReadOnlyList<DatasetUser> Users)
{
    public int UsersReaching(FunnelPage page) => Users.Count(u => u.PagesReached > (int)page);

    /// <summary>The same users with their days moved alike so the last one is <paramref name="lastDay"/> (same fingerprint).</summary>
    public Dataset EndingOn(DateOnly lastDay)
    {
        if (Users.Count == 0) return this;
        var shift = lastDay.DayNumber - Users.Max(u => u.User.FirstVisit).DayNumber;
        return this with { Users = Users.Select(u => u with { User = u.User with { FirstVisit = u.User.FirstVisit.AddDays(shift) } }).ToList() };
    }
}

/// <summary>
/// Reads and validates a dataset folder. Every problem is reported as an <see cref="ImportException"/> naming the
/// file and line: missing file or column, malformed row or one with more values than the header, bad id or date,
/// unknown device, sex or page, duplicate or unknown user, a user on a page without the page before it (the funnel is
/// ordered), and a user table without users. Values quoted in messages are cut and escaped (<see cref="ImportException.Shown"/>).
/// </summary>
public static class DatasetReader
{
    public const int MaxUsers = 5_000_000;
    /// <summary>The largest user id: session ids (userId * 8 + ordinal) must stay below the captured sessions' range.</summary>
    public const long MaxUserId = long.MaxValue / 16 - 1;
    /// <summary>The days the analytics can represent (times are 32-bit seconds since 2000).</summary>
    public static readonly DateOnly FirstSupportedDate = new(2000, 1, 1), LastSupportedDate = new(2060, 12, 31);

    public static Dataset Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new ImportException(folder, null, "folder not found");

        var fingerprint = Fingerprint(folder);
        var users = ReadUsers(Path.Combine(folder, DatasetFiles.Users));
        var index = new Dictionary<long, int>(users.Count);
        for (var i = 0; i < users.Count; i++) index[users[i].User.Id] = i;

        var reached = new int[users.Count];
        foreach (var page in Names.AllPages)
            ReadPage(Path.Combine(folder, DatasetFiles.ForPage(page)), page, index, reached);

        var result = new DatasetUser[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            if (reached[i] == 0)
                throw new ImportException(Path.Combine(folder, DatasetFiles.Users), users[i].Line,
                    $"user {users[i].User.Id} is not in {DatasetFiles.ForPage(FunnelPage.Home)}; every user enters the funnel at home");
            result[i] = users[i] with { PagesReached = reached[i] };
        }
        return new Dataset(folder, fingerprint, result);
    }

    static List<DatasetUser> ReadUsers(string path)
    {
        var users = new List<DatasetUser>();
        var seen = new Dictionary<long, int>();
        var columns = Array.Empty<int>();
        var headerWidth = 0;
        foreach (var (line, fields) in Lines(path))
        {
            if (columns.Length == 0) { (columns, headerWidth) = (Header(path, line, fields, DatasetFiles.UserColumns), fields.Length); continue; }
            NotWiderThanHeader(path, line, fields, headerWidth);
            var id = UserId(path, line, Field(path, line, fields, columns[0]));
            var dateText = Field(path, line, fields, columns[1]);
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new ImportException(path, line, $"'{ImportException.Shown(dateText)}' is not a date (yyyy-MM-dd)");
            if (date < FirstSupportedDate || date > LastSupportedDate)
                throw new ImportException(path, line, $"date {dateText} is outside the supported range {FirstSupportedDate:yyyy-MM-dd}..{LastSupportedDate:yyyy-MM-dd}");
            var deviceText = Field(path, line, fields, columns[2]);
            if (!Names.TryParseDevice(deviceText, out var device))
                throw new ImportException(path, line, $"unknown device '{ImportException.Shown(deviceText)}' (Desktop or Mobile)");
            var sexText = Field(path, line, fields, columns[3]);
            if (!Names.TryParseSex(sexText, out var sex))
                throw new ImportException(path, line, $"unknown sex '{ImportException.Shown(sexText)}' (Male or Female)");
            if (seen.TryGetValue(id, out var firstLine))
                throw new ImportException(path, line, $"duplicate user {id} (first on line {firstLine})");
            if (users.Count == MaxUsers)
                throw new ImportException(path, line, $"more than {MaxUsers:N0} users; split the import");
            seen[id] = line;
            users.Add(new DatasetUser(new User(id, date, device, sex), line, 0));
        }
        if (columns.Length == 0) throw new ImportException(path, null, "the file is empty; expected the header " + string.Join(",", DatasetFiles.UserColumns));
        if (users.Count == 0) throw new ImportException(path, null, "the file has a header but no users");
        return users;
    }

    static void ReadPage(string path, FunnelPage page, Dictionary<long, int> index, int[] reached)
    {
        var columns = Array.Empty<int>();
        var headerWidth = 0;
        var previous = (int)page; // users on this page must have reached all pages before it
        foreach (var (line, fields) in Lines(path))
        {
            if (columns.Length == 0) { (columns, headerWidth) = (Header(path, line, fields, DatasetFiles.PageColumns), fields.Length); continue; }
            NotWiderThanHeader(path, line, fields, headerWidth);
            var id = UserId(path, line, Field(path, line, fields, columns[0]));
            var pageText = Field(path, line, fields, columns[1]);
            if (!Names.TryParsePage(pageText, out var rowPage))
                throw new ImportException(path, line, $"unknown page '{ImportException.Shown(pageText)}'");
            if (rowPage != page)
                throw new ImportException(path, line, $"page '{pageText}' does not belong in this file (expected {Names.DatasetName(page)})");
            if (!index.TryGetValue(id, out var user))
                throw new ImportException(path, line, $"unknown user {id} (not in {DatasetFiles.Users})");
            if (reached[user] > previous)
                throw new ImportException(path, line, $"duplicate user {id}");
            if (reached[user] < previous)
                throw new ImportException(path, line,
                    $"user {id} reached {Names.Of(page)} without {Names.Of((FunnelPage)(previous - 1))}; the funnel is ordered");
            reached[user] = previous + 1;
        }
        if (columns.Length == 0) throw new ImportException(path, null, "the file is empty; expected the header " + string.Join(",", DatasetFiles.PageColumns));
    }

    static IEnumerable<(int Line, string[] Fields)> Lines(string path) =>
        File.Exists(path) ? CsvLines.Read(path) : throw new ImportException(path, null, "file not found");

    /// <summary>Maps the expected columns to their positions; any order, extra columns ignored.</summary>
    static int[] Header(string path, int line, string[] fields, string[] expected) => expected
        .Select(name => Array.FindIndex(fields, f => f.Equals(name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new ImportException(path, line, $"missing column '{name}' in the header (expected {string.Join(",", expected)})"))
        .ToArray();

    /// <summary>A row with more values than the header has a stray comma or a shifted column: its values cannot be trusted.</summary>
    static void NotWiderThanHeader(string path, int line, string[] fields, int headerWidth)
    {
        if (fields.Length > headerWidth)
            throw new ImportException(path, line, $"{fields.Length} values, but the header names {headerWidth} columns");
    }

    static string Field(string path, int line, string[] fields, int column) =>
        column < fields.Length ? fields[column] : throw new ImportException(path, line, $"expected at least {column + 1} values, found {fields.Length}");

    static long UserId(string path, int line, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is > 0 and <= MaxUserId
            ? id
            : throw new ImportException(path, line, $"'{ImportException.Shown(text)}' is not a user id (a positive whole number)");

    static string Fingerprint(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in DatasetFiles.All)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new ImportException(path, null, "file not found");
            hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
