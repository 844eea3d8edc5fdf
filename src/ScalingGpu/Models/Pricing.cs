namespace ScalingGpu.Models;

/// <summary>
/// What a FLOP costs: price_per_gpu_hour / (peak_flops × MFU × 3600). Defaults: $2/h, 989e12 FLOP/s (H100 dense BF16),
/// MFU 0.5 (DESIGN.md §1); the paper's 1979e12 figure is a configuration.
/// </summary>
public sealed record Pricing(double PricePerGpuHour = 2.0, double PeakFlops = 989e12, double Mfu = 0.5)
{
    /// <summary>Dollars per FLOP.</summary>
    public double DollarsPerFlop => PricePerGpuHour / (PeakFlops * Mfu * 3600);
}
