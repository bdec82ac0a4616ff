# mc — see README.md. `make run` runs the embedded default scenario,
# `make test` runs every test (what CI runs), `make bench` measures.
GO      ?= go
BIN     := bin/mc
OUT     ?= mc-results

.PHONY: build run test test-setup bench lint clean

# The explorer's engine (mc web): web/wasm compiled to WebAssembly, embedded
# in mc. Generated, not committed; `go build` alone gives an mc whose
# explorer page says how to build it.
WASM := web/static/engine.wasm.gz
$(WASM): $(shell find bands engine inputs model report results sampler scenarios sensitivity web -name '*.go' -o -name '*.yaml')
	cd web && $(GO) generate .

build: $(WASM)
	$(GO) build -o $(BIN) ./cmd/mc

run: build
	./$(BIN) run -o $(OUT)

test-setup:
	./scripts/test-setup.sh

# Every test: Go unit and integration tests (DuckDB reads the Parquet files),
# then the Slurm integration test on a single-node cluster it starts itself.
test: test-setup lint $(WASM)
	$(GO) test -count=1 ./...
	./scripts/slurm-test.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) build ./...

bench: build
	./scripts/bench.sh

clean:
	rm -rf bin $(OUT)
