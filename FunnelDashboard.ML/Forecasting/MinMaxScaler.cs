namespace FunnelDashboard.ML.Forecasting;

/// <summary>Maps [Min, Max] of the training values onto [0, 1].</summary>
public readonly record struct MinMaxScaler(float Min, float Max)
{
    public static MinMaxScaler Fit(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("Cannot fit a scaler on no values.", nameof(values));
        return new MinMaxScaler(System.Numerics.Tensors.TensorPrimitives.Min(values), System.Numerics.Tensors.TensorPrimitives.Max(values));
    }

    /// <summary>Max - Min, or 1 for a constant series so scaling never divides by zero.</summary>
    public float Range => Max > Min ? Max - Min : 1f;

    public float Scale(float value) => (value - Min) / Range;
}
