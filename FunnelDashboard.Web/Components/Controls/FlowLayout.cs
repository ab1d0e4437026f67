namespace FunnelDashboard.Web.Components.Controls;

/// <summary>A flow of a <see cref="FlowDiagram"/>: <paramref name="Value"/> goes from node <paramref name="From"/> in column <paramref name="Column"/> to node <paramref name="To"/> in the next column.</summary>
public sealed record FlowLink(int Column, string From, string To, long Value);

/// <summary>A node's box: its value is the larger of what flows in and what flows out.</summary>
public sealed record FlowNode(int Column, string Label, long Value, double X, double Y, double Height);

/// <summary>A link's band: it leaves its source's right edge at (<paramref name="X0"/>, <paramref name="Y0"/>) and reaches its target's left edge at (<paramref name="X1"/>, <paramref name="Y1"/>), <paramref name="Width"/> high.</summary>
public sealed record FlowBand(FlowLink Link, double X0, double Y0, double X1, double Y1, double Width)
{
    /// <summary>The band as an SVG path: two horizontal-tangent curves joined at the ends.</summary>
    public string Path
    {
        get
        {
            var middle = (X0 + X1) / 2;
            return FormattableString.Invariant(
                $"M{X0:0.##},{Y0:0.##}C{middle:0.##},{Y0:0.##} {middle:0.##},{Y1:0.##} {X1:0.##},{Y1:0.##}L{X1:0.##},{Y1 + Width:0.##}C{middle:0.##},{Y1 + Width:0.##} {middle:0.##},{Y0 + Width:0.##} {X0:0.##},{Y0 + Width:0.##}Z");
        }
    }
}

/// <summary>
/// A Sankey-style layout in columns: nodes stacked from the top of their column in the given order, <see cref="Gap"/>
/// apart, their heights proportional to their values on one scale, chosen so the fullest column fills the height;
/// each band leaves its source and enters its target in the order of the nodes at its other end, so bands do not
/// cross at the nodes. Columns are spread evenly over the width, the last one's right edge at the width.
/// </summary>
public sealed class FlowLayout
{
    public const double NodeWidth = 14;
    public const double Gap = 12;

    public required double Width { get; init; }
    public required double Height { get; init; }
    public required IReadOnlyList<FlowNode> Nodes { get; init; }
    public required IReadOnlyList<FlowBand> Bands { get; init; }

    /// <param name="order">How nodes of one column follow each other, top to bottom (by label).</param>
    public static FlowLayout Of(IReadOnlyList<FlowLink> links, IComparer<string> order, double width = 960, double height = 360)
    {
        if (links.Count == 0) return new FlowLayout { Width = width, Height = height, Nodes = [], Bands = [] };

        var columns = links.Max(l => l.Column) + 2;
        var values = new Dictionary<(int Column, string Label), (long In, long Out)>();
        foreach (var link in links)
        {
            var (fromIn, fromOut) = values.GetValueOrDefault((link.Column, link.From));
            values[(link.Column, link.From)] = (fromIn, fromOut + link.Value);
            var (toIn, toOut) = values.GetValueOrDefault((link.Column + 1, link.To));
            values[(link.Column + 1, link.To)] = (toIn + link.Value, toOut);
        }
        var byColumn = values
            .Select(v => (v.Key.Column, v.Key.Label, Value: Math.Max(v.Value.In, v.Value.Out)))
            .GroupBy(n => n.Column)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.Label, order).ToList());
        var scale = byColumn.Values.Min(nodes => (height - Gap * (nodes.Count - 1)) / Math.Max(1, nodes.Sum(n => n.Value)));
        var step = (width - NodeWidth) / (columns - 1);

        var nodes = new Dictionary<(int, string), FlowNode>();
        foreach (var (column, inColumn) in byColumn)
        {
            var y = 0.0;
            foreach (var node in inColumn)
            {
                var box = new FlowNode(column, node.Label, node.Value, column * step, y, node.Value * scale);
                nodes[(column, node.Label)] = box;
                y += box.Height + Gap;
            }
        }

        // Where the next band leaves each source (ordered by target) and enters each target (ordered by source).
        var outOffset = nodes.Keys.ToDictionary(k => k, _ => 0.0);
        var inOffset = nodes.Keys.ToDictionary(k => k, _ => 0.0);
        var sourceY = new Dictionary<FlowLink, double>();
        foreach (var link in links.OrderBy(l => nodes[(l.Column + 1, l.To)].Y))
        {
            var key = (link.Column, link.From);
            sourceY[link] = nodes[key].Y + outOffset[key];
            outOffset[key] += link.Value * scale;
        }
        var bands = new List<FlowBand>();
        foreach (var link in links.OrderBy(l => nodes[(l.Column, l.From)].Y))
        {
            var (source, target) = (nodes[(link.Column, link.From)], nodes[(link.Column + 1, link.To)]);
            var key = (link.Column + 1, link.To);
            bands.Add(new FlowBand(link, source.X + NodeWidth, sourceY[link], target.X, target.Y + inOffset[key], link.Value * scale));
            inOffset[key] += link.Value * scale;
        }
        return new FlowLayout
        {
            Width = width, Height = height,
            Nodes = nodes.Values.OrderBy(n => n.Column).ThenBy(n => n.Y).ToList(),
            Bands = bands,
        };
    }
}
