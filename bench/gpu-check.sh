#!/usr/bin/env bash
# One-shot GPU check (issue 10): every kernel family on CUDA against the host path, then W1–W5 on CUDA and the CPU,
# into OUTDIR/RESULTS-gpu.md. The GPU machine has no .NET SDK, so build the self-contained binary here first:
#   bench/gpu-check.sh --publish          (writes bench/gpu-bin/, ~48 MiB, git-ignored)
# then on the GPU machine (the device tool: carry bench/gpu-bin):
#   bench/gpu-check.sh "$OUT" [STEP,STEP..]     (steps as named in GpuCheck.cs, e.g. "MSE shortlist,W1,W2"; default all)
# On a machine without CUDA it says so and exits 0.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=bench/gpu-bin/ScalingGpu.Bench

if [[ "${1:-}" == "--publish" ]]; then
  exec dotnet publish bench/ScalingGpu.Bench -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
    -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o bench/gpu-bin
fi
out=${1:-bench/gpu-check-out}
mkdir -p "$out"
if [[ ! -x "$bin" ]]; then
  echo "error: $bin is missing; run 'bench/gpu-check.sh --publish' on a machine with the .NET SDK first." >&2
  exit 2
fi
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit --format=csv | tee "$out/nvidia-smi.csv"
else
  echo "nvidia-smi not found: no NVIDIA driver on this machine."
fi
export DOTNET_TieredPGO=0   # steadier timings in one short process
timeout 420 "$bin" gpucheck "$out" ${2:+"$2"}
