# kiteguard build. `make` installs the pinned OPA toolchain, compiles the policies
# to WebAssembly and bundles the CLI; `make test` runs every suite.

OPA_VERSION := v1.22.3
# The tools bench/precommit.mjs compares `check` with (besides OPA), pinned.
CONFTEST_VERSION       := v0.71.1
PIPELINE_CHECK_VERSION := 1.19.0
TOOLS       := $(CURDIR)/.tools/bin
OPA         := $(TOOLS)/opa
POLICY_SRC  := $(shell find policies -name '*.rego' 2>/dev/null)
TS_SRC      := $(shell find src -name '*.ts' -o -name '*.json' 2>/dev/null)

.PHONY: demo all tools policies policy-check policy-test build test test-rego test-ts typecheck clean readme bench-collect bench-tools

all: build

tools: $(OPA)

# Reuse the tools folder when it already holds the pinned version.
$(OPA):
	@mkdir -p $(TOOLS)
	@if [ -x $(OPA) ] && $(OPA) version | grep -q "Version: $(OPA_VERSION:v%=%)"; then :; else \
	  echo "installing opa $(OPA_VERSION) with go install"; \
	  GOBIN=$(TOOLS) go install github.com/open-policy-agent/opa@$(OPA_VERSION); fi

# Installed once when missing (order-only), so `make` also works inside `npm install`'s prepare.
node_modules:
	npm ci --no-fund --no-audit

policy-check: $(OPA)
	$(OPA) fmt --fail --list policies
	$(OPA) check --strict policies

policy-test: policy-check
	node scripts/opa-test.mjs $(OPA)

dist/policy.wasm dist/catalog.json: $(POLICY_SRC) $(OPA) scripts/build-policies.mjs scripts/lib/compile-policies.mjs scripts/lib/fast-path-modules.mjs scripts/lib/run-opa.mjs scripts/lib/wasm-capabilities.json src/engine/entrypoints.json src/engine/batch-entrypoints.json src/engine/parts.json | node_modules
	node scripts/build-policies.mjs $(OPA)

policies: policy-test dist/policy.wasm

# The snapshot schema validator as code (ajv standalone), so reading a snapshot compiles no schema.
SNAPSHOT_VALIDATOR := src/snapshot/schema/validate-snapshot.js
$(SNAPSHOT_VALIDATOR): $(wildcard src/snapshot/schema/*.schema.json) scripts/snapshot-validator.mjs scripts/lib/snapshot-validator.mjs | node_modules
	node scripts/snapshot-validator.mjs

dist/kiteguard.js: $(TS_SRC) $(SNAPSHOT_VALIDATOR) scripts/bundle.mjs | node_modules
	node scripts/bundle.mjs

# V8's code cache of the one-shot bundle that `check` runs (made by running it once).
dist/kiteguard-check.cache: dist/kiteguard.js dist/policy.wasm dist/catalog.json bin/load-check.js scripts/code-cache.mjs
	node scripts/code-cache.mjs

build: dist/policy.wasm dist/kiteguard.js dist/kiteguard-check.cache

typecheck: $(SNAPSHOT_VALIDATOR) | node_modules
	npx tsc -p tsconfig.json

test: build policy-check typecheck
	node scripts/test-all.mjs $(OPA)

# conftest (Go module proxy) into .tools/bin and Pipeline-Check (PyPI) into .tools/py, once per pinned version.
bench-tools: $(TOOLS)/.conftest-$(CONFTEST_VERSION) .tools/py/.pipeline-check-$(PIPELINE_CHECK_VERSION)

$(TOOLS)/.conftest-$(CONFTEST_VERSION):
	@mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) go install github.com/open-policy-agent/conftest@$(CONFTEST_VERSION)
	@touch $@

.tools/py/.pipeline-check-$(PIPELINE_CHECK_VERSION):
	python3 -m pip install --quiet --upgrade --target .tools/py pipeline-check==$(PIPELINE_CHECK_VERSION)
	@touch $@

# API budget of `kiteguard collect` against the loopback simulators (10,000 repositories, 2,000 pipelines, 100 teams).
bench-collect: | node_modules
	node bench/collect.mjs

readme: build
	node scripts/readme-rules.mjs --write

clean:
	rm -rf dist build $(SNAPSHOT_VALIDATOR)

# Set up and run the main job on bundled data: a sweep of the example estate (evaluated
# offline) into demo/, then the example pipelines through `check`.
demo: build
	@mkdir -p demo
	@echo "--- kiteguard evaluate fixtures/estate/snapshot.json (the example estate: GitHub acme + Buildkite acme-inc)"
	@node bin/kiteguard.js evaluate fixtures/estate/snapshot.json --format json --output demo/results.json; \
	  node bin/kiteguard.js evaluate fixtures/estate/snapshot.json --format html --output demo/report.html; \
	  node bin/kiteguard.js evaluate fixtures/estate/snapshot.json --format markdown --output demo/summary.md; \
	  node bin/kiteguard.js evaluate fixtures/estate/snapshot.json | tail -n 1; \
	  echo "wrote demo/report.html, demo/results.json and demo/summary.md"
	@echo "--- kiteguard check fixtures/pipelines/exemplary.yml"
	@node bin/kiteguard.js check fixtures/pipelines/exemplary.yml; echo "exit code $$?"
	@echo "--- kiteguard check fixtures/pipelines/insecure.yml"
	@node bin/kiteguard.js check fixtures/pipelines/insecure.yml; echo "exit code $$? (1: findings at or above --fail-on)"
