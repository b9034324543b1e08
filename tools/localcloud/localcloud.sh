#!/usr/bin/env bash
# The local cloud's command line (see tools/localcloud/README.md):
#   tools/localcloud/localcloud.sh play [SCENARIO|PATH] [--json]   e.g. `make demo`
#   tools/localcloud/localcloud.sh up | list | bench [--runs N]
# Builds the tool when its sources changed, then runs it from the build output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration="${CONFIGURATION:-Release}"
command -v dotnet >/dev/null || { echo "dotnet SDK 10 not found: https://dotnet.microsoft.com/download" >&2; exit 2; }
# The Python dev tools (requirements-dev.txt): AUTOMATION_PYTHON (what make sets), else the project's
# .venv (made by `make setup`), else python3. Exported: the tool starts moto and the translator with it.
if [[ -z "${AUTOMATION_PYTHON:-}" ]]; then
  AUTOMATION_PYTHON=python3
  [[ -x "$root/.venv/bin/python" ]] && AUTOMATION_PYTHON="$root/.venv/bin/python"
fi
export AUTOMATION_PYTHON
# find_spec, not import: it proves the packages are there without paying moto's import time.
"$AUTOMATION_PYTHON" -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in ('moto', 'flask', 'samtranslator', 'cfnlint')))" 2>/dev/null || {
  echo "$AUTOMATION_PYTHON cannot import moto[server], aws-sam-translator and cfn-lint: run \`make setup\` (installs requirements-dev.txt into .venv)" >&2
  exit 2
}
dll="$root/tools/Automation.LocalCloud/bin/$configuration/net10.0/Automation.LocalCloud.dll"
# Rebuild only when a source is newer than the tool: `dotnet build` itself takes seconds even when
# there is nothing to do (it evaluates the whole project graph).
stale() {
  [[ ! -f "$dll" ]] && return 0
  [[ -n "$(find "$root/tools/Automation.LocalCloud" "$root/functions" "$root"/Directory.*.props "$root/global.json" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) \
      -newer "$dll" -print -quit)" ]]
}
if stale; then
  if ! build_log="$(dotnet build "$root/tools/Automation.LocalCloud/Automation.LocalCloud.csproj" -c "$configuration" --nologo -v quiet 2>&1)"; then
    echo "$build_log" >&2
    exit 2
  fi
fi
cd "$root"
exec dotnet "$dll" "$@"
