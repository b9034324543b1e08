# DynamoDB runbook automation — developer and SAM build entry points.
#   make setup   install the Node dev tools (package-lock.json) and restore NuGet packages
#   make test    every check: format, unit, function/host contract, template, workflow
#   make demo    play the default scenario in the local cloud (no AWS account needed)
#   make sandbox start the local cloud with the stack deployed; Ctrl-C stops it
#   make bench   host cold-init / RSS, core Diagnose/Plan, local-cloud timings
# `sam build` calls build-<LogicalId> for each function (Metadata: BuildMethod: makefile).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
DOTNET ?= dotnet
CONFIGURATION ?= Release
FUNCTIONS_PROJECT := functions/Automation.Functions/Automation.Functions.csproj
TEST_RESULTS := artifacts/test-results
# Every function of template.yaml: all run the same `bootstrap`; _HANDLER selects the step.
FUNCTIONS := NormalizeTriggerFunction OpenIncidentFunction RecordIncidentStepFunction RequestApprovalFunction \
  CloseIncidentFunction RecordIncidentFailureFunction BuildMetricQueriesFunction DiagnoseFunction PlanFunction \
  RecheckPlanFunction ApplyShardingFunction VerifyMitigationFunction
BOOTSTRAP_SOURCES := $(shell find functions runbooks -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.yaml' \) -not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null) Directory.Build.props Directory.Packages.props

.PHONY: setup check-tools build test lint format publish bench bench-core bench-host bench-localcloud demo scenarios sandbox clean $(addprefix build-,$(FUNCTIONS))

check-tools:
	@command -v $(DOTNET) >/dev/null || { echo "dotnet SDK 10 not found: install it from https://dotnet.microsoft.com/download" >&2; exit 1; }
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20+ and npm not found: install Node.js (https://nodejs.org)" >&2; exit 1; }
	@command -v cfn-lint >/dev/null || { echo "cfn-lint not found: pip install cfn-lint" >&2; exit 1; }
	@python3 -c "import moto, samtranslator" 2>/dev/null || { echo "moto / aws-sam-translator not found: pip install 'moto[server]==5.2.1' aws-sam-translator" >&2; exit 1; }

setup: check-tools node_modules/.package-lock.json
	$(DOTNET) restore Automation.sln

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

build: setup
	$(DOTNET) build Automation.sln --no-restore -c $(CONFIGURATION)

lint:
	$(DOTNET) format Automation.sln --verify-no-changes
	cfn-lint template.yaml

format:
	$(DOTNET) format Automation.sln

test: setup
	rm -rf $(TEST_RESULTS)
	$(DOTNET) test Automation.sln --no-restore -c $(CONFIGURATION) \
	  --results-directory $(TEST_RESULTS) --logger "trx" --logger "console;verbosity=minimal"

# The Lambda artifact: one self-contained ReadyToRun linux-x64 executable named bootstrap (plus
# runbooks/ config). Published once; every function's build-<LogicalId> copies the same files.
publish: artifacts/bootstrap/bootstrap

artifacts/bootstrap/bootstrap: $(BOOTSTRAP_SOURCES)
	$(DOTNET) publish $(FUNCTIONS_PROJECT) -c Release -r linux-x64 --self-contained true -o artifacts/bootstrap
	@touch $@

$(addprefix build-,$(FUNCTIONS)): artifacts/bootstrap/bootstrap
	cp -R artifacts/bootstrap/. "$(ARTIFACTS_DIR)/"
	@test -x "$(ARTIFACTS_DIR)/bootstrap" || { echo "publish did not produce $(ARTIFACTS_DIR)/bootstrap" >&2; exit 1; }

SCENARIO ?= table-alarm
demo: setup
	tools/localcloud/localcloud.sh play $(SCENARIO)

scenarios: setup
	tools/localcloud/localcloud.sh play --all

sandbox: setup
	tools/localcloud/localcloud.sh up

bench: bench-host bench-core bench-localcloud

bench-host: setup
	bash tools/bench/run-host-bench.sh

bench-core: setup
	$(DOTNET) run -c Release --project tools/Automation.Benchmarks -- --quick

bench-localcloud: setup
	tools/localcloud/localcloud.sh bench --runs 5
	tools/localcloud/localcloud.sh bench capacity-raised --runs 5 --repeat 1 --to-state UpdateTableThroughput

clean:
	rm -rf artifacts .aws-sam
	$(DOTNET) clean Automation.sln >/dev/null
