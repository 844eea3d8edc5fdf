namespace ScalingGpu.Bootstrap;

/// <summary>What a bootstrap resamples (DESIGN.md §1).</summary>
public enum ResampleUnit
{
    /// <summary>Points i.i.d. over all runs.</summary>
    Points,
    /// <summary>Points within each IsoFLOP budget, keeping every budget's count (the Llama 3 headline).</summary>
    WithinBudget,
    /// <summary>Whole IsoFLOP curves (cluster bootstrap).</summary>
    Budgets,
}
