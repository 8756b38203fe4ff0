# dss: `make run` and `make test` do all the set-up themselves. `make help` lists the targets.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DSS := $(BUILD_DIR)/dss
# Warnings are errors, as in CI; `make build WERROR=OFF` while experimenting.
WERROR ?= ON

# Without DSS_DATABASE_URL (or with it empty), every command uses the private cluster wherever
# DSS_PG_PORT or DSS_STATE_DIR put it, not the default port, which may be somebody else's.
ifeq ($(strip $(DSS_DATABASE_URL)),)
DSS_DATABASE_URL := $(shell scripts/postgres.sh url)
endif
export DSS_DATABASE_URL

.PHONY: help deps configure web build build-tests build-times db db-url run test node-packages run_tests run_tests_local bench format format-check tidy clean

help: ## List the targets
	@grep -E '^[a-z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'
	@echo "  make run_tests_local TEST=<regex>   run the tests whose names match (e.g. TEST=unit.Config)"

deps: ## Install missing Debian packages (as root; otherwise print the apt-get line)
	@scripts/install-dependencies.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DDSS_WARNINGS_AS_ERRORS=$(WERROR) >/dev/null

web: ## Build the staff pages' stylesheet, script and fonts into web/dist (npm, esbuild)
	@scripts/build-web.sh

build: configure web ## Configure and build dss, its tests and benchmarks, and the web assets
	@cmake --build $(BUILD_DIR) -j $(JOBS)

build-tests: configure web ## Build what make test runs: dss, the test programs and web assets
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target test_programs

build-times: ## Print the last build's slowest steps (from ninja's log; COUNT=15)
	@scripts/build-times.sh $(BUILD_DIR) $(or $(COUNT),15)

db: configure web ## Build dss, start the private PostgreSQL and apply migrations
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target dss
	@scripts/postgres.sh start
	@$(DSS) db upgrade

run: db node-packages ## Set up everything, load the sample and serve on port 5050 (PORT to change)
	@$(DSS) sample --base-url http://localhost:$${PORT:-5050}
	@scripts/serve-with-dev-sso.sh $(DSS)

node-packages:
	@scripts/install-node-packages.sh

test: build-tests node-packages ## Set up everything and run the whole test suite
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

run_tests: test ## Alias of test (the reference's name)

run_tests_local: build-tests node-packages ## Run the tests matching TEST=<regex> (all when empty)
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(if $(TEST),-R '$(TEST)',)

db-url: ## Print the database URL make run, make db and make bench use
	@echo "$(DSS_DATABASE_URL)"

bench: build ## Run the benchmarks and print their figures
	@scripts/postgres.sh start
	@bench/run.sh $(BUILD_DIR)

format: ## Format the C++ sources with clang-format
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check: ## Fail when a C++ source is not formatted
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

# The build compiles a folder's files as one unity source; clang-tidy (and an editor's clangd)
# needs each file's own command, so it reads them from a folder configured file by file.
tidy: build ## Run clang-tidy on the sources
	@cmake -S . -B $(BUILD_DIR)/file-by-file -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DDSS_UNITY_BUILD=OFF >/dev/null
	@git ls-files 'src/*.cpp' | xargs clang-tidy -p $(BUILD_DIR)/file-by-file --quiet

clean: ## Remove the build folder (the state folder var/ is kept)
	rm -rf $(BUILD_DIR)
