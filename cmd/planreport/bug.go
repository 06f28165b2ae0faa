package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// reportingBugs returns what run returns or, when it panics, says that
// planreport has a bug (not that the user's file is wrong), asks for the
// message and the workbook to be sent, and returns exitBug. A panic is
// always planreport's fault: what third-party code trips on in a user's
// file is caught where it is called and reported as that file's problem.
func reportingBugs(stderr io.Writer, args []string, run func() int) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "planreport: stopped by a bug in planreport, not by a problem with your files: %v\n"+
				"Please send this whole message, with the workbook it was reading, to the people who look after planreport.\n"+
				"Command: planreport %s\n\n%s", r, strings.Join(args, " "), debug.Stack())
			code = exitBug
		}
	}()
	return run()
}
