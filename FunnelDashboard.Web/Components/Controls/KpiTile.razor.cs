using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>One headline number with its change against the previous period and an optional sparkline.</summary>
public partial class KpiTile
{
    public enum ChangeDirection { Up, Down, Flat }

    public sealed record KpiChange(ChangeDirection Direction, string Text);

    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter, EditorRequired] public double Value { get; set; }
    [Parameter] public KpiFormat Format { get; set; } = KpiFormat.Count;
    /// <summary>The same KPI over the previous period; null when there is none.</summary>
    [Parameter] public double? Previous { get; set; }
    [Parameter] public IReadOnlyList<double>? Sparkline { get; set; }
    [Parameter] public string ComparisonLabel { get; set; } = "vs previous period";

    string FormattedValue => Format == KpiFormat.Percent ? Formats.Percent(Value) : Formats.Count(Value);

    KpiChange? Change => ComputeChange(Value, Previous, Format);

    /// <summary>
    /// The change in the KPI's unit: a ratio in percentage points, a count relative to before. Under one unit it
    /// gets two decimals, so the small moves of a 0.5 % conversion (+0.03 pp) do not all read "±0.0"; a change
    /// that rounds to zero is flat.
    /// </summary>
    public static KpiChange? ComputeChange(double value, double? previous, KpiFormat format)
    {
        if (previous is not { } before) return null;
        double change;
        string unit;
        if (format == KpiFormat.Percent)
        {
            change = value - before;
            unit = " pp";
        }
        else
        {
            if (before == 0) return null; // a relative change from nothing has no meaning
            change = (value - before) / before;
            unit = "%";
        }

        var magnitude = Math.Abs(change * 100);
        var decimals = magnitude < 1 ? 2 : 1;
        var rounded = Math.Round(magnitude, decimals);
        var direction = rounded == 0 ? ChangeDirection.Flat : change > 0 ? ChangeDirection.Up : ChangeDirection.Down;
        var sign = direction switch { ChangeDirection.Up => "+", ChangeDirection.Down => "−", _ => "±" };
        return new(direction, sign + rounded.ToString(decimals == 2 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + unit);
    }

    static string Arrow(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Up => "▲",
        ChangeDirection.Down => "▼",
        _ => "■",
    };

    string? SparklinePoints
    {
        get
        {
            if (Sparkline is not { Count: > 1 } values) return null;
            var (min, max) = (values.Min(), values.Max());
            var span = max - min is > 0 and var s ? s : 1;
            return string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture,
                $"{i * 100.0 / (values.Count - 1):0.##},{22 - (v - min) / span * 20:0.##}")));
        }
    }
}
