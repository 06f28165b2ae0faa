package workbook

import (
	"github.com/planreport/planreport/internal/plan"
	"github.com/planreport/planreport/internal/xlsx"
)

// ReadFile reads and validates the plan workbook at path; see Read. A file
// that cannot be read as a workbook is an *xlsx.Error.
func ReadFile(path string, opt Options) (*plan.Plan, Problems, error) {
	b, err := xlsx.ReadFile(path, xlsx.DefaultLimits)
	if err != nil {
		return nil, nil, err
	}
	return readWorkbook(b, path, opt)
}
