package generate

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

// RunAll does every job, up to workers at once, and calls done as each one
// ends, never two calls at a time. A job that fails does not stop the
// others. Two jobs that would write the same file (two workbooks of the
// same plan and report date) cannot both succeed: the later one fails,
// naming the other.
func RunAll(ctx context.Context, jobs []Job, workers int, done func(i int, res Result, err error)) {
	var (
		mu      sync.Mutex         // guards claimed and the calls of done
		claimed = map[string]int{} // output path → the job that claimed it
		g       errgroup.Group
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
	g.SetLimit(max(workers, 1))
	for i, job := range jobs {
		g.Go(func() error {
			res, err := run(ctx, job, func(paths []string) error { return claim(i, paths) })
			mu.Lock()
			defer mu.Unlock()
			done(i, res, err)
			return nil
		})
	}
	g.Wait()
}
