//go:build !unix

package main

import "os"

// maxRSS is not measured outside Unix (Windows has no Rusage).
func maxRSS(*os.ProcessState) int64 { return 0 }
