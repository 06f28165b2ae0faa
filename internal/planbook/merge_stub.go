package planbook

import (
	"errors"
	"time"

	"github.com/planreport/planreport/internal/workbook"
)

// TEMPORARY: replaced by the round-book branch

// Returned is what collect writes for one action at one report point.
type Returned struct {
	Action     string    // the action's No
	Text       string    // the update text to store (already composed by collect, e.g. co-leads marked)
	RAG        string    // a code of the scale, or "" to leave the RAG cell as it is
	Completed  time.Time // zero: leave the action's Completed cell as it is
	ReturnedBy string
	ReturnedOn time.Time
}

type MergeOptions struct {
	workbook.Options      // Scale, MonthFirst, Password … as Roll's
	Overwrite        bool // dst may be replaced (as Roll's)
}

type MergeResult struct {
	Written int // updates written or changed
}

// Merge is not yet written on this branch.
func Merge(src, dst string, date time.Time, returned []Returned, opt MergeOptions) (MergeResult, error) {
	return MergeResult{}, errors.New("not yet")
}
