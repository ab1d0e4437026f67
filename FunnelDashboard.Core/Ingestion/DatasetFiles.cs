using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>The five CSVs of the classic e-commerce funnel dataset, and their headers.</summary>
public static class DatasetFiles
{
    public const string Users = "user_table.csv";
    public static readonly string[] UserColumns = ["user_id", "date", "device", "sex"];
    public static readonly string[] PageColumns = ["user_id", "page"];

    public static string ForPage(FunnelPage page) => page switch
    {
        FunnelPage.Home => "home_page_table.csv",
        FunnelPage.Search => "search_page_table.csv",
        FunnelPage.Payment => "payment_page_table.csv",
        FunnelPage.Confirmation => "payment_confirmation_table.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    public static IEnumerable<string> All => Names.AllPages.Select(ForPage).Prepend(Users);
}
