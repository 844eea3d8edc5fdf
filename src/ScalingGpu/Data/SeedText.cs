using System.Globalization;

namespace ScalingGpu.Data;

/// <summary>Reads a generator seed as written by a user (YAML or --seed): the generator's key is 64 bits, so no double in between.</summary>
internal static class SeedText
{
    /// <summary>
    /// A whole number from 0 to 2^64 − 1, exactly: digits (with a leading '+' or surrounding spaces), or a decimal or
    /// exponent form of a whole number (7.0, 1e3), read as a decimal so no digit is rounded away.
    /// </summary>
    public static bool TryParse(string text, out ulong seed)
    {
        seed = 0;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            || value < 0 || value > ulong.MaxValue || value != decimal.Truncate(value)) return false;
        seed = (ulong)value;
        return true;
    }
}
