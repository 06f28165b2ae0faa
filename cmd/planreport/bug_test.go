package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestReportingBugs checks that a panic is reported as a bug in
// planreport, asking for the workbook, never as a damaged file, and exits
// with exitBug; a run that does not panic keeps its exit code.
func TestReportingBugs(t *testing.T) {
	var stderr bytes.Buffer
	code := reportingBugs(&stderr, []string{"validate", "plan.xlsx"}, func() int { panic("index out of range [3] with length 3") })
	if code != exitBug {
		t.Errorf("exit code %d, want %d", code, exitBug)
	}
	msg := stderr.String()
	for _, want := range []string{"a bug in planreport", "index out of range", "with the workbook", "planreport validate plan.xlsx", "bug_test.go"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "damaged") {
		t.Errorf("the message blames the file:\n%s", msg)
	}
	stderr.Reset()
	if code := reportingBugs(&stderr, nil, func() int { return exitFailed }); code != exitFailed || stderr.Len() > 0 {
		t.Errorf("without a panic: exit code %d, message %q; want %d and none", code, stderr.String(), exitFailed)
	}
}
