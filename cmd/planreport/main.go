// Command planreport turns an improvement plan kept in an Excel workbook
// into the committee's progress report, as PDF and as Word.
//
// Exit codes: 0 success; 1 the workbook has errors or cannot be read, or a
// report cannot be written or sent; 2 bad usage or configuration.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/planreport/planreport/internal/atomicfile"
)

func main() {
	stopOnSignal()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// stopOnSignal makes an interrupt or a termination remove any report file
// still being written, so that nothing half-written is left behind; the
// reports already in place are complete and stay.
func stopOnSignal() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		atomicfile.Abandon()
		fmt.Fprintf(os.Stderr, "planreport: stopped by %v; no file was left half-written\n", sig)
		os.Exit(exitFailed)
	}()
}
