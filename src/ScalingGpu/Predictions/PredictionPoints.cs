using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Predictions;

/// <summary>What a <c>--predict</c> file asks for.</summary>
internal enum PredictionTarget
{
    /// <summary>The loss of a run with N parameters and D tokens (columns N and D).</summary>
    Point,
    /// <summary>The loss L*(C) at each method's own compute-optimal (N*, D*) for budget C (column C).</summary>
    ComputeOptimal,
}

/// <summary>
/// The rows of a <c>--predict</c> file: columns named N and D (a run each), or one of them with C (the other from C = 6·N·D), or else C (a budget each), matched
/// case-insensitively and independently of the data file's column options.
/// </summary>
/// <param name="Rows">Where each row sits in the file ("line 3", "row 3").</param>
/// <param name="Params">N per row (NaN for <see cref="PredictionTarget.ComputeOptimal"/>: it depends on the method).</param>
/// <param name="Tokens">D per row (NaN for <see cref="PredictionTarget.ComputeOptimal"/>).</param>
/// <param name="Compute">C per row, FLOPs (for <see cref="PredictionTarget.Point"/> the file's C when it has one, as the data file's C is
/// taken as given, else 6·N·D; the prediction itself depends on N and D only).</param>
internal sealed record PredictionPoints(string Source, PredictionTarget Target, string[] Rows, double[] Params, double[] Tokens, double[] Compute)
{
    /// <summary>Number of rows.</summary>
    public int Count => Rows.Length;

    /// <summary>Reads a CSV or Parquet file of targets.</summary>
    /// <exception cref="InputDataException">The file is unreadable, has neither N and D nor C, no rows, or a value that is not finite and positive.</exception>
    public static PredictionPoints Read(string path)
    {
        try { return FromTable(RawTable.Read(path)); }
        catch (InputDataException e) when (!e.Message.StartsWith("--predict ", StringComparison.Ordinal))
        {
            throw new InputDataException($"--predict {e.Message}");   // the shared readers' messages, named for this option
        }
    }

    static PredictionPoints FromTable(RawTable raw)
    {
        string[] rows = raw.RowLabels.ToArray();
        double[]? n = RunTableReader.Column(raw, "N"), d = RunTableReader.Column(raw, "D"), c = RunTableReader.Column(raw, "C");
        if (raw.RowCount == 0)
            throw new InputDataException($"--predict {raw.Source}: the file has a header but no rows; add one row per prediction.");
        // One of N and D beside C is the other through C = 6·N·D, as in the data file.
        if (c is not null && (n is null) != (d is null))
        {
            RunTableReader.CheckPositive($"--predict {raw.Source}", rows, [(n is null ? "D" : "N", n ?? d!), ("C", c)]);
            double[] other = c.Zip(n ?? d!, ComputeModel.OtherFactor).ToArray();
            RunTableReader.CheckPositive($"--predict {raw.Source}", rows, (n is null ? "N = C/(6·D)" : "D = C/(6·N)", other));
            (n, d) = (n ?? other, d ?? other);
        }
        if (n is not null && d is not null)
        {
            RunTableReader.CheckPositive($"--predict {raw.Source}", rows, c is null ? [("N", n), ("D", d)] : [("N", n), ("D", d), ("C", c)]);
            double[] compute = c ?? RunTableReader.DerivedCompute($"--predict {raw.Source}", rows, n, d, "N", "D");
            return new PredictionPoints(raw.Source, PredictionTarget.Point, rows, n, d, compute);
        }
        if (c is null)
            throw new InputDataException($"--predict {raw.Source}: needs columns 'N' and 'D' (one run per row; or one of them with 'C') or 'C' alone (one budget per row, for the compute-optimal point); " +
                                         $"the file has columns: {string.Join(", ", raw.Columns)}. Rename the columns.");
        RunTableReader.CheckPositive($"--predict {raw.Source}", rows, ("C", c));
        double[] none = Enumerable.Repeat(double.NaN, c.Length).ToArray();
        return new PredictionPoints(raw.Source, PredictionTarget.ComputeOptimal, rows, none, none, c);
    }
}

/// <summary>Snake-case names of prediction targets, as written in every output.</summary>
internal static class PredictionNames
{
    /// <summary>point / compute_optimal.</summary>
    public static string Name(this PredictionTarget target) => target == PredictionTarget.Point ? "point" : "compute_optimal";
}
