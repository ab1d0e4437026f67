using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Training;

/// <summary>A loss value and its gradient with respect to the prediction.</summary>
public readonly record struct LossResult(float Value, Matrix Gradient);

public static class Losses
{
    /// <summary>Mean over all elements of (prediction - target)².</summary>
    public static LossResult MeanSquaredError(Matrix prediction, Matrix target)
    {
        if (!prediction.SameShape(target))
            throw new ArgumentException($"Prediction {prediction} and target {target} differ in shape.");
        var gradient = new Matrix(prediction.Rows, prediction.Cols);
        int count = prediction.Data.Length;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            float difference = prediction.Data[i] - target.Data[i];
            sum += (double)difference * difference;
            gradient.Data[i] = 2f * difference / count;
        }
        return new LossResult((float)(sum / count), gradient);
    }

    /// <summary>Mean over rows of -log softmax(logits)[label], computed with the max-shift for stability.</summary>
    public static LossResult SoftmaxCrossEntropy(Matrix logits, int[] labels)
    {
        if (labels.Length != logits.Rows)
            throw new ArgumentException($"{labels.Length} labels for {logits.Rows} rows of logits.", nameof(labels));
        var gradient = new Matrix(logits.Rows, logits.Cols);
        double sum = 0;
        for (int r = 0; r < logits.Rows; r++)
        {
            if ((uint)labels[r] >= (uint)logits.Cols)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[r], $"Label at row {r} is not one of {logits.Cols} classes.");
            var row = logits.Row(r);
            var probabilities = gradient.Row(r);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(row);
            double total = 0;
            for (int j = 0; j < row.Length; j++)
            {
                probabilities[j] = MathF.Exp(row[j] - max);
                total += probabilities[j];
            }
            sum += Math.Log(total) - (row[labels[r]] - max);
            for (int j = 0; j < row.Length; j++)
                probabilities[j] = (float)(probabilities[j] / total) / logits.Rows;
            probabilities[labels[r]] -= 1f / logits.Rows;
        }
        return new LossResult((float)(sum / logits.Rows), gradient);
    }
}
