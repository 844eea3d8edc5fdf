namespace ScalingGpu.Data;

/// <summary>
/// Bad user input (data file, option value, configuration). The message is one line that says what is
/// wrong, where (file, line or row, column) and what to do; the CLI prints it and exits with code 2.
/// </summary>
public sealed class InputDataException(string message) : Exception(message);
