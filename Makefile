# planreport: make run (the sample report), make test (everything CI runs).
GO      ?= go
BIN     := bin/planreport
SAMPLE  := inputs/cpc-improvement-plan.xlsx

.PHONY: run build test bench fuzz sample template clean dist dist-check

## run: write the sample's report (PDF, Word and web page) into outputs/
run: build
	$(BIN) generate $(SAMPLE)

build:
	$(GO) build -o $(BIN) ./cmd/planreport

## test: vet, staticcheck, then every test, listing at the end the tests
## skipped and why. Needs only Go: staticcheck and gotest (which runs go test
## and lists the skips) are go.mod's tools. The integration tests' programs
## and fonts are those the README's set-up installs; a test whose program is
## missing is skipped (failed under CI=true).
test:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) tool gotest -count=1 ./...

## bench: every benchmark (BENCHCOUNT runs each), then the README's Speed
# table made from them (internal/benchtable: the fastest run of each; it
# names the processor, the Go version and the date)
BENCHCOUNT ?= 2
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./... | tee bench.out
	$(GO) run ./internal/benchtable < bench.out

## fuzz: a short run of every fuzz test (FUZZTIME each)
FUZZTIME ?= 5s
fuzz:
	FUZZTIME=$(FUZZTIME) .ci/fuzz

## mutants: apply each change of .ci/mutants.tsv and check a test fails
.PHONY: mutants
mutants:
	.ci/mutants

## sample: rebuild inputs/ from internal/sample
sample:
	$(GO) test ./internal/sample -run TestSampleWorkbook -update

## template: rebuild templates/report.docx from templates/docx/
template:
	$(GO) generate ./templates

## dist: release archives for every platform, and their SHA256SUMS, in dist/:
## release/dist, which says how they stay byte-identical. VERSION, COMMIT,
## EPOCH and DIST given to make are passed on to it.
dist:
	GO=$(GO) release/dist

## dist-check: two release/dist runs, from two copies of the checkout, give identical archives
dist-check:
	.ci/dist-check

clean:
	rm -rf bin outputs/*.pdf outputs/*.docx outputs/*.html
