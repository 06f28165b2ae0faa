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

## bench: the benchmarks whose targets the README records
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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

## dist: release archives for every platform, and their SHA256SUMS, in dist/
# Byte-identical on every run with the same Go (make dist-check): -trimpath,
# no VCS stamp, files dated EPOCH (SOURCE_DATE_EPOCH, else the last commit's
# time), sorted, owned by 0:0. Needs GNU tar, gzip and zip.
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
EPOCH     ?= $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null || echo 315532800))
DIST      ?= dist
PLATFORMS := windows/amd64 windows/arm64 darwin/amd64 darwin/arm64 linux/amd64 linux/arm64
# Licence files of what the program embeds besides Go modules (fonts, the
# ICC profile): each goes into THIRD_PARTY_LICENSES.txt, before Go's and
# every linked module's (found by go list).
LICENSES  := internal/pdfdoc/icc/README.md
# Shipped as they are (CRLF line endings in the Windows archives): archive name=source.
DOCS      := QUICKSTART.txt=release/QUICKSTART.txt planreport.yaml=templates/planreport.yaml \
             cpc-improvement-plan.xlsx=$(SAMPLE) $(foreach f,$(wildcard LICENSE),$(f)=$(f))
LDFLAGS   := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)

dist:
	rm -rf $(DIST) && mkdir -p $(DIST)/stage
	set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; name=planreport_$(VERSION)_$${os}_$${arch}; dir=$(DIST)/stage/$$name; \
	  exe=planreport; [ $$os = windows ] && exe=planreport.exe; mkdir -p $$dir; echo "dist: $$name"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=false -ldflags "$(LDFLAGS)" -o $$dir/$$exe ./cmd/planreport; \
	  for d in $(DOCS); do cp $${d#*=} $$dir/$${d%%=*}; done; \
	  { for f in $(LICENSES); do printf '==== %s\n\n' $$f; cat $$f; echo; done; \
	    printf '==== Go %s (its standard library)\n\n' "$$($(GO) env GOVERSION)"; cat "$$($(GO) env GOROOT)/LICENSE"; echo; \
	    GOOS=$$os GOARCH=$$arch $(GO) list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}} {{.Dir}}{{end}}{{end}}' ./cmd/planreport | LC_ALL=C sort -u | \
	    while read mod mdir; do \
	      lic=$$(find "$$mdir" -maxdepth 1 -type f \( -iname 'licen[cs]e*' -o -iname 'copying*' -o -iname 'notice*' -o -iname 'patents*' \) | LC_ALL=C sort); \
	      [ -n "$$lic" ] || { echo "dist: $$mod has no licence file" >&2; exit 1; }; \
	      for f in $$lic; do printf '==== %s: %s\n\n' $$mod "$${f##*/}"; cat "$$f"; echo; done; \
	    done; } > $$dir/THIRD_PARTY_LICENSES.txt; \
	  chmod 644 $$dir/*; chmod 755 $$dir/$$exe; \
	  if [ $$os = windows ]; then \
	    for f in $$dir/*.txt $$dir/*.yaml $$(ls $$dir/LICENSE 2>/dev/null); do sed -i 's/\r*$$/\r/' $$f; done; \
	    TZ=UTC touch -d @$(EPOCH) $$dir/*; \
	    (cd $$dir && TZ=UTC zip -X -D -q -9 "$(abspath $(DIST))/$$name.zip" $$(ls | LC_ALL=C sort)); \
	  else \
	    tar --sort=name --format=gnu --mtime=@$(EPOCH) --owner=0 --group=0 --numeric-owner \
	      -C $(DIST)/stage -cf - $$name | gzip -n -9 > $(DIST)/$$name.tar.gz; \
	  fi; \
	done
	rm -rf $(DIST)/stage
	cd $(DIST) && LC_ALL=C sha256sum *.tar.gz *.zip | LC_ALL=C sort -k2 > SHA256SUMS

## dist-check: two make dist runs, from two copies of the checkout, give identical archives
dist-check:
	.ci/dist-check

clean:
	rm -rf bin outputs/*.pdf outputs/*.docx outputs/*.html
