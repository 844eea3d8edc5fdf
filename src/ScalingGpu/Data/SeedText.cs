using System.Globalization;

namespace ScalingGpu.Data;

/// <summary>Reads a generator seed as written by a user (YAML or --seed): the generator's key is 64 bits, so no double in between.</summary>
internal static class SeedText
{
    /// <summary>
    /// An integer 0 … 2^64 − 1 (leading '+' and surrounding spaces allowed), exactly; or a whole number written as a
    /// decimal (7.0, 1e3) up to 2^53, where a double still holds every integer.
    /// </summary>
    public static bool TryParse(string text, out ulong seed)
    {
        if (ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && v <= 9007199254740992.0 && v == Math.Floor(v))
        {
            seed = (ulong)v;
            return true;
        }
        seed = 0;
        return false;
    }
}
