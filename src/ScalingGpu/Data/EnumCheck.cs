namespace ScalingGpu.Data;

/// <summary>Library callers can pass any integer as an enum; options are checked against the named values once, in Validate.</summary>
internal static class EnumCheck
{
    /// <summary>Throws unless <paramref name="value"/> is one of <typeparamref name="T"/>'s named values.</summary>
    /// <exception cref="InputDataException">It is not; the message names the option.</exception>
    public static void Defined<T>(T value, string option) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new InputDataException($"{option}: {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(T).Name} value; use one of {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
