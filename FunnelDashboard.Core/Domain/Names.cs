namespace FunnelDashboard.Core.Domain;

/// <summary>The one place that maps domain codes to the names used in the API, URLs, CSVs and the database.</summary>
public static class Names
{
    static readonly string[] PageNames = ["home", "search", "payment", "confirmation"];
    static readonly string[] DatasetPageNames = ["home_page", "search_page", "payment_page", "payment_confirmation_page"];
    static readonly string[] InteractionNames = ["click", "scroll", "hover", "form_fill", "form_submit", "back"];

    public static IReadOnlyList<FunnelPage> AllPages { get; } = Enum.GetValues<FunnelPage>();

    public static string Of(FunnelPage page) => PageNames[(int)page];
    public static string DatasetName(FunnelPage page) => DatasetPageNames[(int)page];
    public static string Of(InteractionType type) => InteractionNames[(int)type];
    public static string Of(Device device) => device.ToString();
    public static string Of(Sex sex) => sex.ToString();

    /// <summary>Accepts "search" as well as the dataset's "search_page", case-insensitively.</summary>
    public static bool TryParsePage(string? text, out FunnelPage page) =>
        TryFind(PageNames, text, out page) || TryFind(DatasetPageNames, text, out page);

    public static bool TryParseInteraction(string? text, out InteractionType type) => TryFind(InteractionNames, text, out type);

    public static bool TryParseDevice(string? text, out Device device) => TryParseName(text, out device);
    public static bool TryParseSex(string? text, out Sex sex) => TryParseName(text, out sex);

    /// <summary>
    /// One of the enum's names, case-insensitively, and nothing else: unlike Enum.TryParse, no numbers ("1", "-1"),
    /// no comma-joined flags ("Mobile,Desktop"), no surrounding spaces.
    /// </summary>
    public static bool TryParseName<T>(string? text, out T value) where T : struct, Enum
    {
        var name = text is null ? null : Array.Find(Enum.GetNames<T>(), n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    static bool TryFind<T>(string[] names, string? text, out T value) where T : struct, Enum
    {
        var index = text is null ? -1 : Array.FindIndex(names, n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = index >= 0 ? (T)Enum.ToObject(typeof(T), index) : default;
        return index >= 0;
    }
}
