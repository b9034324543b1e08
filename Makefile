# DynamoDB runbook automation — developer and SAM build entry points.
#   make setup   the Python dev tools (requirements-dev.txt) into .venv, the Node dev tools
#                (package-lock.json), the NuGet packages; `make demo` and `make test` run it first
#   make test    every check: lint (format, cfn-lint, runbooks), unit, function/host contract, template, workflow
#   make lint-runbooks  lint runbooks/ (defaults.yaml, segments/*.yaml): file:line: field: message, exit 1 on errors
#   make soak    every FsCheck property with SOAK_CASES (10,000) cases; prints cases run per property
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
# The Python dev tools live in a project-local virtual environment made from requirements-dev.txt;
# every recipe (and the test and local-cloud processes they start) uses its interpreter through
# AUTOMATION_PYTHON. --system-site-packages: pins the machine already has need no download.
VENV := .venv
VENV_PYTHON := $(CURDIR)/$(VENV)/bin/python
VENV_STAMP := $(VENV)/.requirements-dev.installed
AUTOMATION_PYTHON ?= $(VENV_PYTHON)
export AUTOMATION_PYTHON
# cfn-lint's console script is not created in the venv when the system copy satisfies the pin.
CFN_LINT = "$(AUTOMATION_PYTHON)" -c 'import sys; sys.argv[0] = "cfn-lint"; from cfnlint.runner import main; sys.exit(main())'
# The runbooks linter (tools/Automation.Runbooks): every file of runbooks/; the test suite runs the same lint.
LINT_RUNBOOKS = $(DOTNET) run --project tools/Automation.Runbooks -c $(CONFIGURATION) -- lint runbooks/
# The lint gate (`make lint`, and the first part of `make test`).
LINT = $(DOTNET) format Automation.sln --verify-no-changes && $(CFN_LINT) template.yaml && $(LINT_RUNBOOKS)
# Every function of template.yaml, derived from it (each AWS::Serverless::Function): all run the same `bootstrap`;
# _HANDLER selects the step. The template tests hold these to the handler catalog.
FUNCTIONS := $(shell awk '/^  [A-Za-z0-9]+:$$/ {name = substr($$1, 1, length($$1) - 1)} /^    Type: AWS::Serverless::Function$$/ {print name}' template.yaml)
BOOTSTRAP_SOURCES := $(shell find functions runbooks -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.yaml' \) -not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null) Directory.Build.props Directory.Packages.props

.PHONY: setup check-tools build test lint lint-runbooks explain-query format soak list-functions publish bench bench-core bench-host bench-localcloud demo scenarios sandbox clean $(addprefix build-,$(FUNCTIONS))

check-tools:
	@command -v $(DOTNET) >/dev/null || { echo "dotnet SDK 10 not found: install it from https://dotnet.microsoft.com/download" >&2; exit 1; }
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20+ and npm not found: install Node.js (https://nodejs.org)" >&2; exit 1; }
	@command -v python3 >/dev/null || { echo "python3 (3.11) not found: install Python 3.11 with the venv module (Debian: apt-get install python3 python3-venv)" >&2; exit 1; }

setup: check-tools $(VENV_STAMP) node_modules/.package-lock.json
	$(DOTNET) restore Automation.sln

# Offline first (--no-index): on the build machines every pin is satisfied by the system site
# packages and the package index is unreachable (pip would spend minutes retrying it). Only when
# something is missing, the index (PyPI) is asked for it.
$(VENV_STAMP): requirements-dev.txt
	@test -x "$(VENV_PYTHON)" || python3 -m venv --system-site-packages "$(VENV)" || { rm -rf "$(VENV)"; \
	  echo "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv), then run make setup" >&2; exit 1; }
	@"$(VENV_PYTHON)" -m pip install --quiet --no-index -r requirements-dev.txt 2>/dev/null \
	  || { echo "requirements-dev.txt: not every pin is installed yet; fetching the missing ones from the package index" >&2; \
	       "$(VENV_PYTHON)" -m pip install --quiet -r requirements-dev.txt; }
	"$(VENV_PYTHON)" -c "import moto.server, samtranslator, cfnlint.runner, boto3, flask, flask_cors" \
	  || { echo "$(VENV) cannot import the Python dev tools: rm -rf $(VENV) and run make setup" >&2; exit 1; }
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

build: setup
	$(DOTNET) build Automation.sln --no-restore -c $(CONFIGURATION)

lint: setup
	$(LINT)

lint-runbooks:
	$(LINT_RUNBOOKS)

# What a query template would read and its worst-case cost, offline (nothing is read):
#   make explain-query TEMPLATE=orders-for-customer PARAMS="customerId=customer#4711 since=2026-11-19"
explain-query:
	@test -n "$(TEMPLATE)" || { echo 'usage: make explain-query TEMPLATE=<name> PARAMS="name=value ..."' >&2; exit 2; }
	$(DOTNET) run --project tools/Automation.Runbooks -c $(CONFIGURATION) -- explain $(TEMPLATE) $(PARAMS)

format:
	$(DOTNET) format Automation.sln

# The lint gate, then every test project. A lint failure does not stop the tests (all findings in one
# run); it fails the target and leaves $(TEST_RESULTS)/lint-failed, which .ci/run counts as a failure.
test: setup
	rm -rf $(TEST_RESULTS)
	mkdir -p $(TEST_RESULTS)
	lint=0; { $(LINT); } || lint=$$?; \
	if (( lint )); then echo "make lint failed: run 'make format' and fix the cfn-lint and runbooks findings" | tee $(TEST_RESULTS)/lint-failed >&2; fi; \
	tests=0; $(DOTNET) test Automation.sln --no-restore -c $(CONFIGURATION) \
	  --results-directory $(TEST_RESULTS) --logger "trx" --logger "console;verbosity=minimal" || tests=$$?; \
	if (( lint )); then echo "make test: lint failed (see above)" >&2; fi; \
	exit $$(( lint || tests ))

# Property tests at depth: every FsCheck property of Automation.Core.Tests with SOAK_CASES cases (the
# single setting PROPERTY_TEST_CASES; CI's default is in tests/Automation.Core.Tests/Properties/PropertyCases.cs).
# Each property appends "name<TAB>cases run<TAB>ms" to the report; the summary fails if one ran fewer.
SOAK_CASES ?= 10000
SOAK_REPORT := artifacts/soak/properties.tsv
soak: setup
	rm -rf artifacts/soak
	mkdir -p artifacts/soak
	start=$$(date +%s%N); \
	status=0; PROPERTY_TEST_CASES=$(SOAK_CASES) PROPERTY_TEST_REPORT=$(CURDIR)/$(SOAK_REPORT) \
	  $(DOTNET) test tests/Automation.Core.Tests/Automation.Core.Tests.csproj --no-restore -c $(CONFIGURATION) \
	  --results-directory artifacts/soak --logger "trx" --logger "console;verbosity=minimal" || status=$$?; \
	elapsed_ms=$$(( ($$(date +%s%N) - start) / 1000000 )); \
	"$(AUTOMATION_PYTHON)" tests/Automation.Core.Tests/Properties/soak_summary.py $(SOAK_REPORT) $(SOAK_CASES) $$elapsed_ms tests/Automation.Core.Tests || status=1; \
	exit $$status

# The Lambda artifact: one Native AOT linux-x64 executable named bootstrap (plus
# runbooks/ config). Published once; every function's build-<LogicalId> copies the same files.
publish: artifacts/bootstrap/bootstrap

artifacts/bootstrap/bootstrap: $(BOOTSTRAP_SOURCES)
	$(DOTNET) publish $(FUNCTIONS_PROJECT) -c Release -r linux-x64 --self-contained true -o artifacts/bootstrap
	@touch $@

# The functions sam build asks for, one per line (the template tests hold them to the handler catalog).
list-functions:
	@printf '%s\n' $(FUNCTIONS)

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
