namespace ScalingGpu.Tests;

/// <summary>Assertions with a stated relative or absolute tolerance and a message that shows both numbers.</summary>
internal static class AssertRel
{
    public static void Equal(double expected, double actual, double relative, string what = "")
    {
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(error <= relative, $"{what}: expected {expected:G10}, got {actual:G10} (relative error {error:G3} > {relative:G3})");
    }

    public static void Near(double expected, double actual, double absolute, string what = "")
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= absolute, $"{what}: expected {expected:G10}, got {actual:G10} (|error| {error:G3} > {absolute:G3})");
    }
}
