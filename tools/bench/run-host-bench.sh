#!/usr/bin/env bash
# Host benchmark (cold init and peak RSS of `bootstrap` beside a minimal hello-world Lambda).
# Publishes both the way Lambda runs them, then runs HostBench, which prints a markdown table and
# writes docs/benchmarks-host.md.
#   RUNS=30 WARMUP=2 tools/bench/run-host-bench.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BENCH_OUT:-$root/artifacts/bench}"
runs="${RUNS:-30}"
warmup="${WARMUP:-2}"
handler="${HANDLER:-NormalizeTrigger}"

# First fixture that the step accepts (not invalid-*, not not-actionable-*), unless one is given.
payload="${PAYLOAD:-}"
if [[ -z "$payload" ]]; then
  # events/<workflow>/<Step>/<case>.json; <case>.expected.json files are outcomes, not payloads.
  for candidate in "$root"/events/*/"$handler"/*.json; do
    name="$(basename "$candidate")"
    if [[ -f "$candidate" && "$name" != invalid-* && "$name" != not-actionable-* && "$name" != *.expected.json ]]; then
      payload="$candidate"
      break
    fi
  done
fi
if [[ -z "$payload" ]]; then
  echo "No actionable fixture in events/<workflow>/$handler/; set PAYLOAD=path/to/event.json" >&2
  exit 1
fi

# Same command (and build folder) as the host contract tests' publish, so the two share
# incremental work instead of flipping the projects' usual obj folders between RID and no RID.
# BOOTSTRAP_FLAVOR=ReadyToRun benches the former ReadyToRun bootstrap (comparison only; NativeAot is what deploys).
publish() {
  dotnet publish "$1" -c Release -r linux-x64 --self-contained --artifacts-path "$root/artifacts/publish-${BOOTSTRAP_FLAVOR:-NativeAot}" -o "$2" -nologo -v:q -p:BootstrapFlavor="${BOOTSTRAP_FLAVOR:-NativeAot}"
}
echo "Publishing bootstrap and HelloLambda to $out ..."
publish "$root/functions/Automation.Functions" "$out/bootstrap"
publish "$root/tools/bench/HelloLambda" "$out/hello"

dotnet run -c Release --project "$root/tools/bench/HostBench" -- \
  --bootstrap "$out/bootstrap/bootstrap" \
  --hello "$out/hello/hello-lambda" \
  --payload "$payload" \
  --handler "$handler" \
  --runs "$runs" \
  --warmup "$warmup" \
  --out "${BENCH_REPORT:-$root/docs/benchmarks-host.md}"
