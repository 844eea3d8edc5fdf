using System.Runtime.CompilerServices;
using ILGPU;

namespace ScalingGpu.Kernels;

/// <summary>
/// Eight doubles a GPU thread keeps in registers: ILGPU turns struct fields into registers, while a local array stays
/// in local memory (measured with ptxas: 640 bytes of stack for an 8 × 8 accumulator array), so the register-blocked
/// matrix product of <see cref="ScreenKernels"/> spells out its lanes.
/// </summary>
public struct Octet
{
    /// <summary>Lanes 0–7.</summary>
    public double V0, V1, V2, V3, V4, V5, V6, V7;

    /// <summary>Lanes j = 0–7 from <c>view[offset + spacing·j]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Octet Load(ArrayView<double> view, int offset, int spacing) => new()
    {
        V0 = view[offset], V1 = view[offset + spacing], V2 = view[offset + 2 * spacing], V3 = view[offset + 3 * spacing],
        V4 = view[offset + 4 * spacing], V5 = view[offset + 5 * spacing], V6 = view[offset + 6 * spacing], V7 = view[offset + 7 * spacing],
    };

    /// <summary>this += a·b, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddScaled(double a, in Octet b)
    {
        V0 += a * b.V0; V1 += a * b.V1; V2 += a * b.V2; V3 += a * b.V3;
        V4 += a * b.V4; V5 += a * b.V5; V6 += a * b.V6; V7 += a * b.V7;
    }

    /// <summary>Lane <paramref name="j"/> (a branch per call: for the rare cells, not the inner loop).</summary>
    public readonly double Get(int j) => j switch { 0 => V0, 1 => V1, 2 => V2, 3 => V3, 4 => V4, 5 => V5, 6 => V6, _ => V7 };
}

/// <summary>An 8 × 8 block of accumulators in registers: row i is <see cref="Octet"/> Ri.</summary>
public struct OctetBlock
{
    /// <summary>Rows 0–7.</summary>
    public Octet R0, R1, R2, R3, R4, R5, R6, R7;

    /// <summary>this += a ⊗ b (64 multiply-adds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddOuter(in Octet a, in Octet b)
    {
        R0.AddScaled(a.V0, b); R1.AddScaled(a.V1, b); R2.AddScaled(a.V2, b); R3.AddScaled(a.V3, b);
        R4.AddScaled(a.V4, b); R5.AddScaled(a.V5, b); R6.AddScaled(a.V6, b); R7.AddScaled(a.V7, b);
    }

    /// <summary>Row <paramref name="i"/>.</summary>
    public readonly Octet Row(int i) => i switch { 0 => R0, 1 => R1, 2 => R2, 3 => R3, 4 => R4, 5 => R5, 6 => R6, _ => R7 };
}
