//go:build !windows

package main

// systemConsole is the terminal of a process outside Windows: a window
// opened for the program alone is a Windows matter, so it never asks to
// be kept open.
type systemConsole struct{}

func (systemConsole) OwnWindow() bool { return false }
