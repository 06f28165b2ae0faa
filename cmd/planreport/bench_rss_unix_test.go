//go:build unix

package main

import (
	"os"
	"syscall"
)

// maxRSS is the largest resident memory of an ended process, in KiB on
// Linux (bytes on macOS).
func maxRSS(ps *os.ProcessState) int64 {
	if u, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(u.Maxrss)
	}
	return 0
}
