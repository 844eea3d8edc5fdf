using ScalingGpu.Models;

namespace ScalingGpu.Data;

/// <summary>A row that <c>--drop-top-loss</c> removed before fitting.</summary>
/// <param name="Row">Where it sits in the file ("line 12" / "row 12").</param>
/// <param name="Budget">Its IsoFLOP budget label, as it would have had in the fit.</param>
public sealed record DroppedRun(string Row, double Params, double Tokens, double Compute, double Loss, double Budget)
{
    /// <summary>The line (CSV) or row (Parquet) number alone.</summary>
    public int Number => RawTable.RowNumber(Row);
}

/// <summary>
/// Validated training runs, one per row used: N (parameters), D (tokens), C (FLOPs), final loss, and the
/// IsoFLOP budget each run belongs to (the budget column, else C rounded to 3 significant digits).
/// All values are finite and positive; there are at least <see cref="MinPoints"/> rows. The arrays are the table's own,
/// checked once: read them, never write to them (<see cref="FromArrays"/> copies its inputs for that reason).
/// </summary>
public sealed class RunTable
{
    /// <summary>Fewest runs a surface fit accepts (five parameters).</summary>
    public const int MinPoints = 5;

    // Tables come only from FromArrays, the readers and the holdout split, which check them.
    internal RunTable(string source, double[] parameters, double[] tokens, double[] compute, double[] loss, double[] budget, string[] rows) =>
        (Source, Params, Tokens, Compute, Loss, Budget, Rows) = (source, parameters, tokens, compute, loss, budget, rows);

    /// <summary>File name used in messages.</summary>
    public string Source { get; }
    /// <summary>Parameters N per run.</summary>
    public double[] Params { get; }
    /// <summary>Training tokens D per run.</summary>
    public double[] Tokens { get; }
    /// <summary>Training compute C per run, FLOPs.</summary>
    public double[] Compute { get; }
    /// <summary>Final loss per run.</summary>
    public double[] Loss { get; }
    /// <summary>IsoFLOP budget label per run, FLOPs.</summary>
    public double[] Budget { get; }
    /// <summary>True when budgets came from a column rather than from rounding C.</summary>
    public bool BudgetFromColumn { get; internal init; }
    /// <summary>Where each run sits in the file.</summary>
    public string[] Rows { get; }
    /// <summary>Rows removed by <c>--drop-top-loss</c>, highest loss first.</summary>
    public IReadOnlyList<DroppedRun> Dropped { get; internal init; } = [];

    /// <summary>Number of runs used.</summary>
    public int Count => Loss.Length;

    /// <summary>
    /// True when the runs form IsoFLOP curves: budgets named by a column, or rounding C groups every run with at
    /// least two others into at least two budgets.
    /// </summary>
    public bool HasIsoFlopBudgets =>
        BudgetFromColumn || (Budget.GroupBy(b => b).All(g => g.Count() >= 3) && DistinctBudgets().Length >= 2);

    /// <summary>Distinct budget labels, ascending.</summary>
    public double[] DistinctBudgets() => Budget.Distinct().Order().ToArray();

    /// <summary>Builds a table from arrays (library use; the CLI goes through <see cref="RunTableReader"/>).</summary>
    /// <exception cref="InputDataException">Lengths differ, a value is not finite and positive, or fewer than 5 runs.</exception>
    public static RunTable FromArrays(double[] parameters, double[] tokens, double[] loss, double[]? budget = null, string source = "table")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(source);
        // Copies: the table is checked once, so later writes to the caller's arrays must not reach it.
        (parameters, tokens, loss, budget) = ([.. parameters], [.. tokens], [.. loss], budget is null ? null : [.. budget]);
        if (tokens.Length != parameters.Length || loss.Length != parameters.Length || (budget is not null && budget.Length != parameters.Length))
            throw new InputDataException($"{source}: column lengths differ (params {parameters.Length}, tokens {tokens.Length}, loss {loss.Length}).");
        var rows = Enumerable.Range(1, parameters.Length).Select(r => $"row {r}").ToArray();
        RunTableReader.CheckPositive(source, rows, ("params", parameters), ("tokens", tokens), ("loss", loss));
        if (budget is not null) RunTableReader.CheckPositive(source, rows, ("budget", budget));
        double[] compute = RunTableReader.DerivedCompute(source, rows, parameters, tokens, "params", "tokens");
        if (parameters.Length < MinPoints)
            throw new InputDataException($"{source}: a surface fit needs at least {MinPoints} runs; {parameters.Length} given.");
        return new RunTable(source, parameters, tokens, compute, loss, budget ?? compute.Select(ComputeModel.RoundToBudget).ToArray(), rows)
        {
            BudgetFromColumn = budget is not null,
        };
    }
}
