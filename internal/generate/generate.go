// Package generate runs planreport's main job for one workbook: read and
// validate it, build the report model for one report point, render it in
// every configured format, and write the files atomically. It is the one
// place where the reader, the model and the renderers meet; each of them
// knows nothing of the others.
package generate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/htmlreport"
	"github.com/planreport/planreport/internal/pdfreport"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/workbook"
)

// ErrInvalid is returned when the workbook has errors, or warnings under
// Strict; the problems are in the Result.
var ErrInvalid = errors.New("the workbook has errors")

// Job is one report to make.
type Job struct {
	Workbook string
	AsOf     time.Time // the report point; zero for the latest
	Password string
	Config   config.Config
	Template []byte // the Word template's bytes; nil for the default
	Fonts    pdfreport.FontFiles
	// Modified dates the documents (SOURCE_DATE_EPOCH); zero for the
	// workbook's own last-modified time.
	Modified time.Time
}

// Result is what a job found and wrote.
type Result struct {
	Problems workbook.Problems
	Plan     *plan.Plan     // the plan read; nil when it could not be
	Report   *report.Report // the report model; nil when there is none
	Files    []string       // the paths written, in the order of Config.Formats
}

// Read reads and validates the job's workbook.
func Read(job Job) (*plan.Plan, workbook.Problems, error) {
	return workbook.ReadFile(job.Workbook, ReadOptions(job.Config, job.AsOf, job.Password))
}

// ReadOptions are the reader's options taken from the configuration.
func ReadOptions(c config.Config, asOf time.Time, password string) workbook.Options {
	return workbook.Options{
		Scale:      c.RAG,
		Aliases:    c.Headers,
		MonthFirst: c.MonthFirst,
		Password:   password,
		AsOf:       asOf,
	}
}

// Run does the job. An unreadable workbook is returned as the reader's
// error; a workbook with errors as ErrInvalid with the problems in the
// Result. Nothing is written unless every format rendered.
func Run(job Job) (Result, error) {
	return runClaimed(job, func([]string) error { return nil })
}

// reportName is the name of r's files, without extension.
func reportName(r *report.Report) string { return report.Filename(r.Title, r.Date) }

// Load reads and validates the job's workbook and builds the report model,
// without rendering it.
func Load(job Job) (Result, error) {
	p, problems, err := Read(job)
	res := Result{Problems: problems}
	if err != nil {
		return res, err
	}
	if problems.HasErrors() || (job.Config.Strict && len(problems) > 0) {
		return res, ErrInvalid
	}
	res.Plan = p
	modified := job.Modified
	if modified.IsZero() {
		if fi, err := os.Stat(job.Workbook); err == nil {
			modified = fi.ModTime().Truncate(time.Second)
		}
	}
	res.Report, err = Model(p, job.AsOf, job.Config, modified)
	return res, err
}

// Model builds the report model of plan p at asOf (zero: the latest point).
func Model(p *plan.Plan, asOf time.Time, c config.Config, modified time.Time) (*report.Report, error) {
	if asOf.IsZero() {
		latest, ok := p.Latest()
		if !ok {
			return nil, errors.New("the plan has no report points")
		}
		asOf = latest.Date
	}
	return report.Build(p, asOf, report.Options{Scale: c.RAG, Sections: c.Sections, Language: c.Language, Modified: modified})
}

// Render renders r in every configured format at once, keyed by format.
func Render(r *report.Report, c config.Config, template []byte, fonts pdfreport.FontFiles) (map[string][]byte, error) {
	type rendered struct {
		data []byte
		err  error
	}
	results := make([]rendered, len(c.Formats))
	var wg sync.WaitGroup
	for i, f := range c.Formats {
		wg.Go(func() {
			var buf bytes.Buffer
			err := renderFormat(&buf, f, r, c, template, fonts)
			if err != nil {
				err = fmt.Errorf("cannot write the %s report: %w", f, err)
			}
			results[i] = rendered{buf.Bytes(), err}
		})
	}
	wg.Wait()
	out := make(map[string][]byte, len(c.Formats))
	for i, f := range c.Formats {
		if results[i].err != nil {
			return nil, results[i].err
		}
		out[f] = results[i].data
	}
	return out, nil
}

// renderFormat renders r in one format.
func renderFormat(w io.Writer, format string, r *report.Report, c config.Config, template []byte, fonts pdfreport.FontFiles) error {
	switch format {
	case "pdf":
		return pdfreport.Render(w, r, pdfreport.Options{PageSize: c.Page.Size, Orientation: c.Page.Orientation, Fonts: fonts})
	case "docx":
		return docxreport.Render(w, r, docxreport.Options{Template: template})
	case "html":
		return htmlreport.Render(w, r, htmlreport.Options{})
	}
	return fmt.Errorf("planreport does not write %q files", format)
}

// Write stores each rendered format as dir/base.format and returns the
// paths written. A file that already holds exactly those bytes is left as
// it is.
func Write(dir, base string, formats []string, rendered map[string][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot make the output folder: %w", err)
	}
	var files []string
	for i, path := range Paths(dir, base, formats) {
		data := rendered[formats[i]]
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			files = append(files, path)
			continue
		}
		if err := atomicfile.WriteBytes(path, data); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// Paths are the files of a report named base in dir, one per format.
func Paths(dir, base string, formats []string) []string {
	paths := make([]string, len(formats))
	for i, f := range formats {
		paths[i] = filepath.Join(dir, base+"."+f)
	}
	return paths
}
