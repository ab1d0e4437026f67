namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Stand-ins for unknown days where a value is needed as input (the network's window, the baselines' history):
/// the same weekday a week earlier, else the last known day, else the first known day. Targets and scores always use
/// the unfilled series, so a filled day is never learned from or scored.
/// </summary>
public static class GapFilling
{
    public const string Description = "filled for inputs with the same weekday a week earlier (else the nearest known day); never trained on or scored";

    public static float[] Fill(float[] values)
    {
        var filled = (float[])values.Clone();
        int firstKnown = Array.FindIndex(values, v => !float.IsNaN(v));
        if (firstKnown < 0) throw new ArgumentException("A series needs at least one known day.", nameof(values));
        for (int i = 0; i < filled.Length; i++)
        {
            if (!float.IsNaN(filled[i])) continue;
            filled[i] = i < firstKnown ? values[firstKnown]
                : i >= 7 ? filled[i - 7]
                : filled[i - 1];
        }
        return filled;
    }
}
