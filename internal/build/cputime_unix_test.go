//go:build unix

package build_test

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the process has used so far. The
// benchmark reports it per build besides wall time, which says little on a
// busy machine.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
