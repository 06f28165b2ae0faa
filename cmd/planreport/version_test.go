package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, tt := range []struct {
		name            string
		version, commit string
		want            string
	}{
		{"a plain build", "", "", "planreport devel (commit unknown, " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"},
		{"built by make dist", "v1.2.0", "0123abc", "planreport v1.2.0 (commit 0123abc, " + runtime.Version() + " "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			oldV, oldC := version, commit
			version, commit = tt.version, tt.commit
			t.Cleanup(func() { version, commit = oldV, oldC })
			for _, args := range [][]string{{"version"}, {"--version"}} {
				r := planreport(t, args...)
				if r.code != 0 || !strings.HasPrefix(r.stdout, tt.want) || strings.Count(r.stdout, "\n") != 1 {
					t.Errorf("%v: exit %d, stdout %q; want one line starting %q", args, r.code, r.stdout, tt.want)
				}
			}
		})
	}
}
