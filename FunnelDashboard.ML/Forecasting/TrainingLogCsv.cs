using System.Globalization;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>A training log as CSV: <c>epoch,training_loss,validation_loss,learning_rate</c>, one row per epoch.</summary>
public static class TrainingLogCsv
{
    public const string Header = "epoch,training_loss,validation_loss,learning_rate";

    public static void Write(string path, IReadOnlyList<TrainingProgress> log)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        foreach (var e in log)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainingLoss:R},{e.ValidationLoss:R},{e.LearningRate:R}"));
    }

    /// <exception cref="InvalidDataException">A row is not four numbers; the message names the file and line.</exception>
    /// <param name="maxEpochs">The run's epoch limit (its options), which the file does not repeat on every row.</param>
    public static IReadOnlyList<TrainingProgress> Read(string path, int maxEpochs)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new InvalidDataException($"{path}, line 1: expected the header '{Header}'.");
        var log = new List<TrainingProgress>();
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != 4
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch)
                || !float.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float training)
                || !float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out float validation)
                || !float.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out float rate))
                throw new InvalidDataException($"{path}, line {i + 1}: expected 'epoch,training_loss,validation_loss,learning_rate', got '{lines[i]}'.");
            log.Add(new TrainingProgress(epoch, maxEpochs, training, validation, rate));
        }
        return log;
    }
}
