// Package generate runs planreport's main job for one workbook: read and
// validate it, build the report model for one report point, render it in
// every configured format, and write the files atomically. It is the one
// place where the reader, the model and the renderers meet; each of them
// knows nothing of the others.
//
// A job stops, between stages and between files, when its context is
// cancelled: every report file is then either the one that was there
// before or the whole new one.
package generate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/planreport/planreport/internal/atomicfile"
	"github.com/planreport/planreport/internal/config"
	"github.com/planreport/planreport/internal/docxreport"
	"github.com/planreport/planreport/internal/htmlreport"
	"github.com/planreport/planreport/internal/pdfreport"
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/report"
	"github.com/planreport/planreport/internal/workbook"
)

// ErrSetting wraps a render error caused by what the configuration names:
// a Word template or a font that cannot be used.
var ErrSetting = errors.New("a configured template or font cannot be used")

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
	// Warnings are the renderers', each a line as validate prints a
	// problem: characters no font has, one line for each cell.
	Warnings []string
}

// Read reads and validates the job's workbook.
func Read(ctx context.Context, job Job) (*plan.Plan, workbook.Problems, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return workbook.ReadFile(job.Workbook, ReadOptions(job.Config, job.AsOf, job.Password))
}

// ReadOptions are the reader's options taken from the configuration.
func ReadOptions(c config.Config, asOf time.Time, password string) workbook.Options {
	return workbook.Options{
		Scale:      c.RAG,
		Aliases:    c.Headers,
		MonthFirst: c.Dates.MonthFirst,
		Password:   password,
		AsOf:       asOf,
	}
}

// Run does the job. An unreadable workbook is returned as the reader's
// error; a workbook with errors (or warnings under Strict) as
// workbook.ErrInvalid, with the problems in the Result; a template or font
// that cannot be used wrapped in ErrSetting; a cancelled ctx as its error.
// Nothing is written unless every format rendered.
func Run(ctx context.Context, job Job) (Result, error) {
	return run(ctx, job, func([]string) error { return nil })
}

// run is Run with a check, before anything is written, that the output
// paths are the job's to write.
func run(ctx context.Context, job Job, claim func(paths []string) error) (Result, error) {
	res, err := load(ctx, job)
	if err != nil {
		return res, err
	}
	c := job.Config
	files := paths(c.OutDir, report.Filename(res.Report.Title, res.Report.Date), c.Formats)
	pending, warnings, err := render(ctx, res.Report, job, files)
	res.Warnings = warnings
	if err != nil {
		return res, err
	}
	if err := claim(files); err != nil {
		discard(pending)
		return res, err
	}
	res.Files, err = commit(ctx, pending)
	return res, err
}

// load reads and validates the job's workbook and builds the report model.
func load(ctx context.Context, job Job) (Result, error) {
	p, problems, err := Read(ctx, job)
	res := Result{Problems: problems}
	if err != nil {
		return res, err
	}
	if problems.HasErrors() || (job.Config.Strict && len(problems) > 0) {
		return res, workbook.ErrInvalid
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	res.Plan = p
	modified := job.Modified
	if modified.IsZero() {
		if fi, err := os.Stat(job.Workbook); err == nil {
			modified = fi.ModTime().Truncate(time.Second)
		}
	}
	res.Report, err = model(p, job.AsOf, job.Config, modified)
	return res, err
}

// FontWarnings are the warnings the PDF would give for plan p, read for
// job, without rendering it: the characters no font has, one line for each
// cell, as Result.Warnings has them. There are none when the job writes no
// PDF.
func FontWarnings(p *plan.Plan, job Job) ([]string, error) {
	if p == nil || !slices.Contains(job.Config.Formats, "pdf") {
		return nil, nil
	}
	r, err := model(p, job.AsOf, job.Config, job.Modified)
	if err != nil {
		return nil, err
	}
	w, err := pdfreport.FontWarnings(r, job.Fonts)
	if err != nil {
		return nil, classify(err)
	}
	return w, nil
}

// model builds the report model of plan p at asOf (zero: the latest point).
func model(p *plan.Plan, asOf time.Time, c config.Config, modified time.Time) (*report.Report, error) {
	if asOf.IsZero() {
		latest, ok := p.Latest()
		if !ok {
			return nil, errors.New("the plan has no report points")
		}
		asOf = latest.Date
	}
	return report.Build(p, asOf, report.Options{Scale: c.RAG, Sections: c.Sections, Language: c.Language, Modified: modified,
		LineBreaksOnly: !c.Points.Semicolons})
}

// render renders r in every configured format at once, each straight
// into a temporary file beside its path in files, and returns them in the
// order of the formats, with the renderers' warnings. If one fails, none
// is kept.
func render(ctx context.Context, r *report.Report, job Job, files []string) ([]*atomicfile.Pending, []string, error) {
	var made string // the output folder, if this run made it
	if len(files) > 0 {
		dir := filepath.Dir(files[0])
		if _, err := os.Stat(dir); err != nil {
			made = dir
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("cannot make the output folder: %w", err)
		}
	}
	out := make([]*atomicfile.Pending, len(job.Config.Formats))
	warnings := make([][]string, len(job.Config.Formats))
	var g errgroup.Group
	for i, f := range job.Config.Formats {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			warn := func(s string) { warnings[i] = append(warnings[i], s) }
			p, err := atomicfile.Prepare(files[i], atomicfile.Options{}, func(w io.Writer) error {
				if err := renderFormat(w, f, r, job, warn); err != nil {
					return fmt.Errorf("cannot write the %s report: %w", f, classify(err))
				}
				return nil
			})
			out[i] = p
			return err
		})
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		discard(out)
		if made != "" {
			os.Remove(made) // only if empty
		}
		return nil, slices.Concat(warnings...), err
	}
	return out, slices.Concat(warnings...), nil
}

// discard removes the rendered files that are not yet in place.
func discard(pending []*atomicfile.Pending) {
	for _, p := range pending {
		if p != nil {
			p.Discard()
		}
	}
}

// renderFormat renders r in one format.
func renderFormat(w io.Writer, format string, r *report.Report, job Job, warn func(string)) error {
	c := job.Config
	switch format {
	case "pdf":
		width, height, _ := c.Page.Dimensions() // the configuration was validated
		return pdfreport.Render(w, r, pdfreport.Options{Width: width, Height: height, Fonts: job.Fonts, Warn: warn})
	case "docx":
		return docxreport.Render(w, r, docxreport.Options{Template: job.Template})
	case "html":
		return htmlreport.Render(w, r, htmlreport.Options{})
	}
	return fmt.Errorf("planreport does not write %q files", format)
}

// classify marks the renderers' errors about a template or a font as
// ErrSetting.
func classify(err error) error {
	var font *pdfreport.FontError
	var template *docxreport.TemplateError
	if errors.As(err, &font) || errors.As(err, &template) {
		return settingError{err}
	}
	return err
}

// settingError is an error that ErrSetting matches, with err's message.
type settingError struct{ err error }

func (e settingError) Error() string   { return e.err.Error() }
func (e settingError) Unwrap() []error { return []error{ErrSetting, e.err} }

// commit puts each rendered file in place, and returns the paths written.
// A file that already holds exactly those bytes is left as it is.
func commit(ctx context.Context, pending []*atomicfile.Pending) ([]string, error) {
	var written []string
	for i, p := range pending {
		if err := ctx.Err(); err != nil {
			discard(pending[i:])
			return written, err
		}
		if p.Unchanged() {
			p.Discard()
		} else if err := p.Commit(); err != nil {
			discard(pending[i+1:])
			return written, err
		}
		written = append(written, p.Path())
	}
	return written, nil
}

// paths are the files of a report named base in dir, one per format.
func paths(dir, base string, formats []string) []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = filepath.Join(dir, base+"."+f)
	}
	return out
}
