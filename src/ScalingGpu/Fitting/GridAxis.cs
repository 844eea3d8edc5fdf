namespace ScalingGpu.Fitting;

/// <summary>A closed range [Lo, Hi] sampled at Lo + i·Step, i = 0 … ⌊(Hi − Lo)/Step + 1e−9⌋ (the peer vpnls's rule).</summary>
internal sealed record GridAxis(double Lo, double Hi, double Step)
{
    /// <summary>How many values the axis has (as a double: a tiny step can exceed any integer type).</summary>
    public double Count => Math.Floor((Hi - Lo) / Step + 1e-9) + 1;

    /// <summary>The grid values.</summary>
    public double[] Values()
    {
        int count = (int)Count;
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = Lo + i * Step;
        return values;
    }
}
