# planreport: make run (the sample report), make test (everything CI runs).
GO      ?= go
BIN     := bin/planreport
SAMPLE  := inputs/cpc-improvement-plan.xlsx

.PHONY: run build test bench fuzz sample template clean

## run: write the sample's report (PDF and Word) into outputs/
run: build
	$(BIN) generate $(SAMPLE)

build:
	$(GO) build -o $(BIN) ./cmd/planreport

## test: vet, staticcheck, then every test (integration tests need pdftotext, qpdf, soffice)
STATICCHECK ?= $(or $(shell command -v staticcheck),$(shell $(GO) env GOPATH)/bin/staticcheck)
test:
	$(GO) vet ./...
	$(STATICCHECK) ./...
	$(GO) test -count=1 ./...

## bench: the benchmarks whose targets the README records
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: a short run of every fuzz test (FUZZTIME each)
FUZZTIME ?= 5s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s -parallel 1 $$pkg; \
	  done; \
	done

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

clean:
	rm -rf bin outputs/*.pdf outputs/*.docx
