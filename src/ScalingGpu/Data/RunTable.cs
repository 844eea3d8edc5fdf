using ScalingGpu.Models;

namespace ScalingGpu.Data;

/// <summary>A row that <c>--drop-top-loss</c> removed before fitting.</summary>
/// <param name="Row">Where it sits in the file ("line 12" / "row 12").</param>
public sealed record DroppedRun(string Row, double Params, double Tokens, double Compute, double Loss)
{
    /// <summary>The line (CSV) or row (Parquet) number alone.</summary>
    public int Number => RawTable.RowNumber(Row);
}

/// <summary>
/// Validated training runs, one per row used: N (parameters), D (tokens), C (FLOPs), final loss, and the
/// IsoFLOP budget each run belongs to (the budget column, else C rounded to 3 significant digits).
/// All values are finite and positive; there are at least <see cref="MinPoints"/> rows.
/// </summary>
public sealed class RunTable
{
    /// <summary>Fewest runs a surface fit accepts (five parameters).</summary>
    public const int MinPoints = 5;

    /// <summary>File name used in messages.</summary>
    public required string Source { get; init; }
    /// <summary>Parameters N per run.</summary>
    public required double[] Params { get; init; }
    /// <summary>Training tokens D per run.</summary>
    public required double[] Tokens { get; init; }
    /// <summary>Training compute C per run, FLOPs.</summary>
    public required double[] Compute { get; init; }
    /// <summary>Final loss per run.</summary>
    public required double[] Loss { get; init; }
    /// <summary>IsoFLOP budget label per run, FLOPs.</summary>
    public required double[] Budget { get; init; }
    /// <summary>True when budgets came from a column rather than from rounding C.</summary>
    public bool BudgetFromColumn { get; init; }
    /// <summary>Where each run sits in the file.</summary>
    public required string[] Rows { get; init; }
    /// <summary>Rows removed by <c>--drop-top-loss</c>, highest loss first.</summary>
    public IReadOnlyList<DroppedRun> Dropped { get; init; } = [];

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
        if (tokens.Length != parameters.Length || loss.Length != parameters.Length || (budget is not null && budget.Length != parameters.Length))
            throw new InputDataException($"{source}: column lengths differ (params {parameters.Length}, tokens {tokens.Length}, loss {loss.Length}).");
        var compute = new double[parameters.Length];
        for (int i = 0; i < compute.Length; i++) compute[i] = ComputeModel.Flops(parameters[i], tokens[i]);
        var rows = Enumerable.Range(1, parameters.Length).Select(r => $"row {r}").ToArray();
        RunTableReader.CheckPositive(source, rows, ("params", parameters), ("tokens", tokens), ("loss", loss));
        if (parameters.Length < MinPoints)
            throw new InputDataException($"{source}: a surface fit needs at least {MinPoints} runs; {parameters.Length} given.");
        return new RunTable
        {
            Source = source, Params = parameters, Tokens = tokens, Compute = compute, Loss = loss,
            Budget = budget ?? compute.Select(ComputeModel.RoundToBudget).ToArray(), BudgetFromColumn = budget is not null, Rows = rows,
        };
    }
}
