#!/usr/bin/env bash
# Regenerates the README's figures from the shipped data and configs (about 8 minutes on 2 cores, most of it the
# ci_design sweep):
#   bash docs/images/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
cli=(dotnet run -c Release --project src/ScalingGpu.Cli --)
"${cli[@]}" fit configs/data/llama3_isoflops.csv --tokens training_tokens --compute compute_budget --loss validation_loss \
  --budget compute_budget --method all --a3-loss mse --bootstrap 500 --out "$tmp/fit" --plot --device cpu >/dev/null
"${cli[@]}" sweep configs/quickstart.yaml --out "$tmp/sweep" --device cpu >/dev/null
"${cli[@]}" plot "$tmp/sweep" >/dev/null
"${cli[@]}" sweep configs/ci_design.yaml --out "$tmp/ci" --device cpu >/dev/null
"${cli[@]}" plot "$tmp/ci" >/dev/null
cp "$tmp/ci/width_vs_design.png" docs/images/ci_width_vs_design.png
cp "$tmp/fit/isoflops.png" "$tmp/fit/objective_grid.png" "$tmp/fit/bootstrap_vpnls_alpha.png" "$tmp/sweep/error_vs_design.png" docs/images/
"${cli[@]}" fit configs/data/llama3_isoflops.csv --tokens training_tokens --compute compute_budget --loss validation_loss \
  --budget compute_budget --method all --holdout-above 3e21 --bootstrap 200 --ci 0.9 --out "$tmp/holdout" --plot --device cpu >/dev/null
"${cli[@]}" compare configs/data/llama3_isoflops.csv configs/data/cs336_isoflops_synthetic.csv --tokens training_tokens \
  --compute compute_budget --loss validation_loss --budget compute_budget --b-tokens D --b-compute C --b-loss loss --b-budget none \
  --bootstrap 200 --out "$tmp/compare" --plot --device cpu >/dev/null
cp "$tmp/holdout/holdout.png" "$tmp/compare/frontiers.png" docs/images/
rm -rf "$tmp"
echo "docs/images: isoflops.png objective_grid.png bootstrap_vpnls_alpha.png error_vs_design.png ci_width_vs_design.png holdout.png frontiers.png"
