using System.CommandLine;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Predictions;

namespace ScalingGpu.Cli.Commands;

/// <summary>The options of <c>fit</c> that predict beyond the fitted runs: <c>--predict FILE</c> and <c>--holdout-above C</c>.</summary>
internal sealed class PredictArguments
{
    readonly Option<string?> predict = new("--predict")
    {
        Description = "CSV or Parquet file of targets: columns N and D, or one of them with C (a run per row), or C alone (a budget per row: the loss at each method's N*(C), D*(C)); " +
                      "every surface method predicts them, with confidence and prediction intervals under --bootstrap.",
    };
    readonly Option<double?> holdoutAbove = new("--holdout-above")
    {
        Description = "Backtest: hold runs whose budget is above C (FLOPs) out of every fit and resample, then predict them and compare N* with their own parabolas.",
    };

    /// <summary>The options, for the command.</summary>
    public IEnumerable<Option> Symbols() => [predict, holdoutAbove];

    /// <summary>The --predict targets, or null.</summary>
    /// <exception cref="InputDataException">The file is bad, or no requested method has a loss surface.</exception>
    public PredictionPoints? Points(ParseResult p, FitOptions options)
    {
        if (p.GetValue(predict) is not { } path) return null;
        if (!options.Methods.Any(m => m != FitMethod.Approach2))
            throw new InputDataException("--predict needs a loss surface, and Approach 2 has none: use --method vpnls, approach3 or all.");
        return PredictionPoints.Read(path);
    }

    /// <summary>The --predict file path, or null.</summary>
    public string? PointsPath(ParseResult p) => p.GetValue(predict);

    /// <summary>The split of <paramref name="runs"/> for --holdout-above, or null.</summary>
    /// <exception cref="InputDataException">C is invalid or leaves too little to fit.</exception>
    public HoldoutSplit? Holdout(ParseResult p, RunTable runs) => p.GetValue(holdoutAbove) is { } c ? HoldoutSplit.Of(runs, c) : null;
}
