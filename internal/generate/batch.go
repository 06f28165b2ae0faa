package generate

import (
	"fmt"
	"sync"
)

// RunAll does every job on up to workers goroutines at once and calls done
// as each one ends, never two calls at a time. A job that fails does not
// stop the others. Two jobs that would write the same file (two workbooks
// of the same plan and report date) cannot both succeed: the later one
// fails, naming the other.
func RunAll(jobs []Job, workers int, done func(i int, res Result, err error)) {
	if workers < 1 {
		workers = 1
	}
	var (
		mu      sync.Mutex
		claimed = map[string]int{} // output path → the job that claimed it
		wg      sync.WaitGroup
		next    = make(chan int)
	)
	claim := func(i int, paths []string) error {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range paths {
			if j, ok := claimed[p]; ok && j != i {
				return fmt.Errorf("%s would overwrite %s, the report of %s", jobs[i].Workbook, p, jobs[j].Workbook)
			}
		}
		for _, p := range paths {
			claimed[p] = i
		}
		return nil
	}
	var report sync.Mutex
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := runClaimed(jobs[i], func(paths []string) error { return claim(i, paths) })
				report.Lock()
				done(i, res, err)
				report.Unlock()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// runClaimed is Run with a check, before anything is written, that the
// output paths are the job's to write.
func runClaimed(job Job, claim func(paths []string) error) (Result, error) {
	res, err := Load(job)
	if err != nil {
		return res, err
	}
	rendered, err := Render(res.Report, job.Config, job.Template, job.Fonts)
	if err != nil {
		return res, err
	}
	base := reportName(res.Report)
	if err := claim(Paths(job.Config.OutDir, base, job.Config.Formats)); err != nil {
		return res, err
	}
	res.Files, err = Write(job.Config.OutDir, base, job.Config.Formats, rendered)
	return res, err
}
