using System.Globalization;
using FunnelDashboard.ML.Recommendation;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class EvalTwoTowerVerb : IVerb
{
    public string Name => "eval-two-tower";
    public string Arguments => "--interactions FILE [--format movielens|csv] [--dim 64] [--epochs N] [--seed S] [--batch B] [--lr X] [--l2 X] [--logq on|off]";
    public string Summary => "train the two-tower recommender on a random 80 % of the interactions, score its top 10 per user on the other\n" +
                             "20 % against most-popular; ends with model=two_tower recall@10=… ndcg@10=… and the same for model=popularity";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["interactions", "format", "dim", "epochs", "seed", "batch", "lr", "l2", "logq"]);
        parsed.AtMost(0);
        float Float(string name, float fallback) => parsed.Value(name) is not { } text ? fallback
            : float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && float.IsFinite(value) ? value
            : throw new UsageException($"--{name} must be a non-negative number; got '{text}'.");
        var path = parsed.RequiredValue("interactions");
        var format = parsed.Value("format") switch
        {
            null or "movielens" => InteractionFormat.MovieLens,
            "csv" => InteractionFormat.Csv,
            var other => throw new UsageException($"--format must be movielens or csv; got '{other}'."),
        };
        var defaults = new TwoTowerOptions();
        var options = defaults with
        {
            Dimensions = parsed.Int("dim", defaults.Dimensions, 1),
            Epochs = parsed.Int("epochs", defaults.Epochs, 1),
            Seed = parsed.Int("seed", defaults.Seed, 0),
            BatchSize = parsed.Int("batch", defaults.BatchSize, 2),
            LearningRate = Float("lr", defaults.LearningRate),
            L2 = Float("l2", defaults.L2),
            LogQCorrection = parsed.Value("logq") switch
            {
                null or "on" => true,
                "off" => false,
                var other => throw new UsageException($"--logq must be on or off; got '{other}'."),
            },
        };
        // Training is CPU-bound: off the caller's thread.
        await Task.Run(() => TwoTowerEvaluation.Run(path, format, options, context.Output), ct);
        return 0;
    }
}
