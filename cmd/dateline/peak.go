package main

import (
	"bytes"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// peakHeap watches the live heap while a build runs and keeps the heap
// profile of the collection that found the most live memory. A profile
// taken when the build ends shows what is left then, not what held
// memory at its peak, which is what a memory budget is about.
type peakHeap struct {
	stop chan struct{}
	done chan struct{}
	prof []byte        // the profile at the highest live heap seen
	live uint64        // that heap, in bytes
	at   time.Duration // when it was seen, from the start of watching
}

// peakEvery is how often the live heap is read. Reading it is cheap; a
// profile is taken only when a collection found more live memory than
// any before it.
const peakEvery = 100 * time.Millisecond

func watchPeak() *peakHeap {
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *peakHeap) run() {
	defer close(p.done)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	var cycles uint64
	start := time.Now()
	t := time.NewTicker(peakEvery)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
		metrics.Read(s)
		live, n := s[0].Value.Uint64(), s[1].Value.Uint64()
		// The heap profile is that of the last finished collection, so
		// only a new collection can give a new peak; a peak has to grow
		// by a fiftieth to be worth a new profile.
		if n == cycles || live <= p.live+p.live/50 {
			continue
		}
		cycles = n
		var b bytes.Buffer
		if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
			p.prof, p.live, p.at = b.Bytes(), live, time.Since(start)
		}
	}
}

// end stops watching and returns the profile of the peak (nil when no
// collection ran), the live heap it was taken at, and when.
func (p *peakHeap) end() ([]byte, uint64, time.Duration) {
	close(p.stop)
	<-p.done
	return p.prof, p.live, p.at
}
