//go:build windows

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// getConsoleProcessList is kernel32's GetConsoleProcessList, which
// golang.org/x/sys/windows does not wrap.
var getConsoleProcessList = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// systemConsole is the Windows console the process is attached to.
type systemConsole struct{}

// OwnWindow reports whether this process is the only one attached to its
// console: Windows made the console for it, as it does when Explorer starts
// planreport.exe for a dropped or opened workbook, and closes the window as
// soon as it exits. Started from a Command Prompt or PowerShell, the shell is
// attached too. With no console, or no such function, it reports false.
func (systemConsole) OwnWindow() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var pids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1
}
