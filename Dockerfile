# Image for the Kubernetes recipe in docs/configs.md: the CLI published self-contained and untrimmed (ILGPU breaks under
# trimming and NativeAOT) on a CUDA runtime base, so `--device auto` finds the node's GPU through the NVIDIA runtime.
# Build: docker build -t your-registry/scalinggpu:latest .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ScalingGpu.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true -o /app

FROM nvidia/cuda:12.8.1-base-ubuntu24.04
# fontconfig for the plots' SkiaSharp; globalization is invariant, so no ICU.
RUN apt-get update && apt-get install -y --no-install-recommends libfontconfig1 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/scalinggpu /usr/local/bin/scalinggpu
COPY configs /configs
ENTRYPOINT ["scalinggpu"]
