package importer

import "github.com/planreport/planreport/internal/plan"

// WordReport imports a Word report.
func WordReport(path string, opt Options) (*plan.Plan, Problems, error) {
	return nil, nil, &Error{Name: path, Err: ErrFormat, Msg: "is a Word document, which planreport cannot import yet"}
}
