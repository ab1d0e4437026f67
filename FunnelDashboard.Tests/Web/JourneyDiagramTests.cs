using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Journeys;

namespace FunnelDashboard.Tests.Web;

public class JourneyDiagramTests
{
    [Fact]
    public void Paths_become_links_per_step_with_an_exit_only_where_a_path_ended_before_max_length()
    {
        JourneyPath[] paths = [new(["home"], 50, 0.5, 0), new(["home", "search"], 30, 0.3, 0), new(["home", "search", "payment"], 10, 0.1, 0)];

        var links = JourneyDiagram.Links(paths, maxLength: 3);

        // The three-page path is as long as a path is kept: it may go on, so it has no exit.
        Assert.Equal<FlowLink>([new(0, "home", "search", 40), new(0, "home", "exit", 50), new(1, "search", "payment", 10), new(1, "search", "exit", 30)], links);
        Assert.Equal("Of 90 users on these paths, 50 (55.6%) leave after their first page; the widest flow onwards is home → search at step 2, with 40 users.",
            JourneyDiagram.Finding(links));
        Assert.Equal("No sessions in this view.", JourneyDiagram.Finding([]));
    }

    [Fact]
    public void The_layout_stacks_nodes_in_order_on_one_scale_and_bands_do_not_cross_at_the_nodes()
    {
        // Column 0: home 100, search 20; column 1: search 60, exit 60; column 2: exit 60. With 132 px and a 12 px gap the
        // two first columns need 1 px per user ((132 - 12) / 120), the last could take 2.2: the scale is 1.
        FlowLink[] links = [new(0, "search", "exit", 20), new(0, "home", "search", 60), new(0, "home", "exit", 40), new(1, "search", "exit", 60)];

        var layout = FlowLayout.Of(links, JourneyDiagram.NodeOrder, width: 214, height: 132);

        Assert.Equal<FlowNode>(
        [
            new(0, "home", 100, 0, 0, 100), new(0, "search", 20, 0, 112, 20),
            new(1, "search", 60, 100, 0, 60), new(1, "exit", 60, 100, 72, 60),
            new(2, "exit", 60, 200, 0, 60),
        ], layout.Nodes);
        var bands = layout.Bands.ToDictionary(b => b.Link, b => (b.X0, b.Y0, b.X1, b.Y1, b.Width));
        Assert.Equal((14, 0, 100, 0, 60), bands[links[1]]);
        Assert.Equal((14, 60, 100, 72, 40), bands[links[2]]);
        Assert.Equal((14, 112, 100, 112, 20), bands[links[0]]); // enters the exit below home's band: search sits below home
        Assert.Equal((114, 0, 200, 0, 60), bands[links[3]]);
        Assert.Equal("M14,0C57,0 57,0 100,0L100,60C57,60 57,60 14,60Z", layout.Bands.Single(b => b.Link == links[1]).Path);
    }

    [Fact]
    public async Task The_diagram_draws_each_link_and_node_and_states_its_finding_as_its_text_alternative()
    {
        FlowLink[] links = [new(0, "home", "search", 40), new(0, "home", "exit", 50), new(1, "search", "exit", 40)];

        var html = await ComponentRenderer.RenderAsync<FlowDiagram>(new Dictionary<string, object?>
        {
            [nameof(FlowDiagram.Name)] = "journey-flow",
            [nameof(FlowDiagram.Title)] = "Users from page to page",
            [nameof(FlowDiagram.Links)] = links,
            [nameof(FlowDiagram.Order)] = JourneyDiagram.NodeOrder,
            [nameof(FlowDiagram.Colors)] = JourneyDiagram.Colors,
            [nameof(FlowDiagram.Finding)] = "Half of them leave.",
        });

        Assert.Equal(3, html.Split("<path ").Length - 1);
        Assert.Equal(4, html.Split("<rect ").Length - 1);
        Assert.Contains(">home 90</text>", html);
        Assert.Contains(">exit 50</text>", html);
        Assert.Contains(">home → exit (column 1 → 2): 50 users</title>", html); // each band's tooltip
        var described = System.Text.RegularExpressions.Regex.Match(html, "role=\"img\" aria-label=\"Users from page to page\" aria-describedby=\"([^\"]+)\"");
        Assert.True(described.Success, html);
        Assert.Matches($"<figcaption id=\"{described.Groups[1].Value}\" class=\"fd-chart-finding\" data-finding[^>]*>Half of them leave.</figcaption>", html);
    }

    [Fact]
    public void The_csv_holds_each_link_as_shown_and_raw()
    {
#pragma warning disable BL0005 // a parameter set outside a renderer: only ToCsv reads it here
        var diagram = new FlowDiagram { Links = [new(0, "home", "search", 45_200), new(1, "search", "exit", 39_170)], ColumnTitle = "Step" };
#pragma warning restore BL0005
        Assert.Equal("Step,From,To,Users,Users (raw)\r\n1 → 2,home,search,\"45,200\",45200\r\n2 → 3,search,exit,\"39,170\",39170\r\n", diagram.ToCsv());
    }
}
