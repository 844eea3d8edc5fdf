namespace ScalingGpu.Compute;

/// <summary>Requested device: auto prefers CUDA, then an OpenCL GPU, then the CPU.</summary>
public enum DeviceKind
{
    /// <summary>CUDA, else an OpenCL GPU, else the CPU; the reasons for skipping each are recorded.</summary>
    Auto,
    /// <summary>The host: vectorised, multi-threaded.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU through ILGPU's CUDA backend (an error when absent).</summary>
    Cuda,
    /// <summary>An OpenCL device through ILGPU (an error when absent).</summary>
    OpenCL,
}
