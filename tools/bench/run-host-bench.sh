#!/usr/bin/env bash
# Host benchmark (issue 9): the Native AOT `bootstrap` beside the same bootstrap published ReadyToRun and a
# Native AOT hello world, for each handler, in ONE interleaved HostBench run (so machine load hits all alike).
# Publishes the three the way Lambda runs them, then runs HostBench, which prints markdown and rewrites the
# generated part of docs/benchmarks-host.md.
#   RUNS=30 WARMUP=2 HANDLERS="NormalizeTrigger Diagnose" tools/bench/run-host-bench.sh
#   PAYLOAD_Diagnose=events/throttling-response/Diagnose/hot-key-with-contributor-insights.json ... (one handler's payload)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BENCH_OUT:-$root/artifacts/bench}"
runs="${RUNS:-30}"
warmup="${WARMUP:-2}"
read -r -a handlers <<<"${HANDLERS:-NormalizeTrigger Diagnose}"

# The first fixture the step accepts and answers with an output (events/<workflow>/<Step>/<case>.json whose
# <case>.expected.json expects "output", not "error"; not-actionable-* triggers are skipped too), unless
# PAYLOAD_<Step> names one.
pick_payload() {
  local handler="$1" override="PAYLOAD_$1"
  if [[ -n "${!override:-}" ]]; then
    echo "${!override}"
    return
  fi
  local candidate name expected
  for candidate in "$root"/events/*/"$handler"/*.json; do
    name="$(basename "$candidate")"
    expected="${candidate%.json}.expected.json"
    [[ -f "$candidate" && "$name" != *.expected.json && "$name" != invalid-* && "$name" != not-actionable-* ]] || continue
    if [[ -f "$expected" ]] && ! python3 -c 'import json,sys; sys.exit(0 if "output" in json.load(open(sys.argv[1])) else 1)' "$expected"; then
      continue
    fi
    echo "$candidate"
    return
  done
  echo "No succeeding fixture in events/<workflow>/$handler/; set PAYLOAD_$handler=path/to/event.json" >&2
  exit 1
}
workloads=""
for handler in "${handlers[@]}"; do
  workloads+="$handler=$(pick_payload "$handler");"
done

# The AOT bootstrap uses the same command and build folder (artifacts/publish) as the host contract tests'
# publish, so the two share incremental work; the ReadyToRun flavor gets its own artifacts path so the
# two flavors never share obj/.
publish() { # project output-dir artifacts-path [msbuild args...]
  local project="$1" dir="$2" artifacts="$3"
  shift 3
  rm -rf "$dir" # the folder is the deployment package that gets zipped: nothing stale in it
  dotnet publish "$project" -c Release -r linux-x64 --self-contained --artifacts-path "$artifacts" -o "$dir" -nologo -v:q "$@"
}
echo "Publishing to $out: HelloLambda (AOT), bootstrap (AOT), bootstrap (ReadyToRun) ..."
publish "$root/tools/bench/HelloLambda" "$out/hello" "$root/artifacts/publish"
publish "$root/functions/Automation.Functions" "$out/bootstrap" "$root/artifacts/publish"
publish "$root/functions/Automation.Functions" "$out/bootstrap-r2r" "$root/artifacts/publish-ReadyToRun" -p:BootstrapFlavor=ReadyToRun

dotnet run -c Release --project "$root/tools/bench/HostBench" -- \
  --hello "$out/hello/hello-lambda" \
  --bootstrap "$out/bootstrap/bootstrap" \
  --bootstrap-r2r "$out/bootstrap-r2r/bootstrap" \
  --workloads "$workloads" \
  --runs "$runs" \
  --warmup "$warmup" \
  --out "${BENCH_REPORT:-$root/docs/benchmarks-host.md}"
