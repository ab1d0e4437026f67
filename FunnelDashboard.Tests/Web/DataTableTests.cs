using System.Text.RegularExpressions;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Tests.Web;

public class DataTableTests
{
    public sealed record Row(string Name, int Count);

    static readonly IReadOnlyList<DataColumn<Row>> Columns =
    [
        new("Name", r => r.Name),
        new("Count", r => r.Count, r => Formats.Count(r.Count), Numeric: true),
    ];

    static readonly IReadOnlyList<Row> Rows = [new("b", 2000), new("a", 30), new("d", 1), new("c", 400), new("e", 50)];

    static DataTableView<Row> View(int pageSize = 10) => new() { Items = Rows, Columns = Columns, PageSize = pageSize };

    static Task<string> Render(IReadOnlyList<Row> rows, int pageSize = 10) =>
        ComponentRenderer.RenderAsync<DataTable<Row>>(new Dictionary<string, object?>
        {
            [nameof(DataTable<Row>.Items)] = rows,
            [nameof(DataTable<Row>.Columns)] = Columns,
            [nameof(DataTable<Row>.PageSize)] = pageSize,
            [nameof(DataTable<Row>.Caption)] = "Rows",
        });

    static IEnumerable<string> Cells(string html, int column) =>
        Regex.Matches(html, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>"))
            .Where(cells => cells.Count > 0)
            .Select(cells => cells[column].Groups[1].Value);

    [Fact]
    public async Task Renders_rows_in_their_order_with_formatted_numeric_cells()
    {
        var html = await Render(Rows);
        Assert.Equal(["b", "a", "d", "c", "e"], Cells(html, 0));
        Assert.Equal(["2,000", "30", "1", "400", "50"], Cells(html, 1));
        Assert.Contains("class=\"fd-numeric\"", html);
        Assert.Contains("5 rows", html);
    }

    [Fact]
    public void Sorting_by_a_column_orders_by_its_raw_value_and_again_reverses()
    {
        var view = View();
        view.SortBy(1);
        Assert.Equal(["d", "a", "e", "c", "b"], view.SortedItems.Select(r => r.Name));
        Assert.Equal("ascending", view.AriaSort(1));
        view.SortBy(1);
        Assert.Equal(["b", "c", "e", "a", "d"], view.SortedItems.Select(r => r.Name));
        Assert.Equal("descending", view.AriaSort(1));
        Assert.Equal("none", view.AriaSort(0));
    }

    [Fact]
    public void Sorting_by_another_column_starts_ascending_on_the_first_page()
    {
        var view = View(pageSize: 2);
        view.GoTo(2);
        view.SortBy(0);
        view.SortBy(0);
        view.SortBy(1);
        Assert.False(view.SortDescending);
        Assert.Equal(0, view.PageIndex);
    }

    [Fact]
    public void Paging_splits_the_sorted_rows_and_stays_in_range()
    {
        var view = View(pageSize: 2);
        view.SortBy(0);
        Assert.Equal(3, view.PageCount);
        Assert.Equal(["a", "b"], view.PageItems.Select(r => r.Name));
        view.GoTo(2);
        Assert.Equal(["e"], view.PageItems.Select(r => r.Name));
        Assert.Equal("5–5 of 5 rows", view.RangeText);
        view.GoTo(7);
        Assert.Equal(2, view.PageIndex);

        view.Items = Rows.Take(3).ToList();
        view.KeepPageInRange();
        Assert.Equal(1, view.PageIndex);
    }

    [Fact]
    public async Task A_long_table_renders_its_first_page_and_a_pager()
    {
        var html = await Render(Rows, pageSize: 2);
        Assert.Equal(["b", "a"], Cells(html, 0));
        Assert.Contains("Page 1 of 3", html);
        Assert.Contains("1–2 of 5 rows", html);
    }

    [Fact]
    public async Task No_rows_render_the_empty_state()
    {
        var html = await Render([]);
        Assert.Contains("data-state=\"empty\"", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public void Csv_export_quotes_only_what_needs_it_and_writes_invariant_numbers()
    {
        var csv = Csv.Write(["Name", "Rate"], [["plain", 0.25], ["with, comma", 1234.5], ["say \"hi\"", null], ["day", new DateOnly(2015, 2, 1)]]);
        Assert.Equal("Name,Rate\r\nplain,0.25\r\n\"with, comma\",1234.5\r\n\"say \"\"hi\"\"\",\r\nday,2015-02-01\r\n", csv);
    }
}
