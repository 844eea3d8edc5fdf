namespace ScalingGpu.Compute;

/// <summary>Requested device: auto prefers CUDA, then an OpenCL GPU, then the CPU.</summary>
public enum DeviceKind { Auto, Cpu, Cuda, OpenCL }
