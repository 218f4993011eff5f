#!/bin/bash
# The figures of the README's "Scale, measured" table for one corpus size,
# and how build time grows when the entries double.
#
# usage: .ci/bench-scale.sh N [RUNS]      (from the project root)
#   Builds the synthetic timeline of N entries (../shared/bench/gen_corpus.py)
#   and prints wall time, CPU (user+sys), peak RSS, files, output size and
#   the largest page, each with the load average before and after, then the
#   same build at 2N with the ratios of CPU and wall time. With HUGO=1 it
#   first runs ../shared/bench/vs-hugo.sh N RUNS, the anchor for the Hugo
#   ratios. Needs GNU time (apt-get install -y time).
#
# The machine is shared: quote ratios from one run, CPU rather than wall
# time, and the load averages printed beside each figure.
set -euo pipefail
N=${1:?usage: .ci/bench-scale.sh N [RUNS]}; RUNS=${2:-1}
bench=$(cd "$(dirname "$0")/../.." && pwd)/shared/bench
[ -d "$bench" ] || bench=/work/shared/bench
B=${BENCH_DIR:-/tmp/dateline-bench}
if [ "${HUGO:-0}" = 1 ]; then
	BENCH_DIR=$B "$bench/vs-hugo.sh" "$N" "$RUNS"
fi
bin=$B/dateline-bench-bin
go build -o "$bin" ./cmd/dateline

# measure N: one build of the corpus of N entries; prints its figures and
# leaves "wall cpu" in $B/last.
measure() {
	local n=$1 c=$B/corpus-$1
	[ -d "$c/dateline" ] || python3 "$bench/gen_corpus.py" "$n" "$c" >/dev/null
	local before after
	before=$(cut -d' ' -f1-3 /proc/loadavg)
	/usr/bin/time -o "$B/time" -f '%e %U %S %M' "$bin" build --src "$c/dateline" --out "$c/out-dateline" >/dev/null 2>&1
	after=$(cut -d' ' -f1-3 /proc/loadavg)
	read -r wall user sys rss <"$B/time"
	local files bytes largest
	files=$(find "$c/out-dateline" -type f | wc -l)
	bytes=$(du -sb "$c/out-dateline" | cut -f1)
	largest=$(find "$c/out-dateline" -type f -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
	printf '%s entries: wall %.1f s, CPU %.1f s (user %.1f + sys %.1f), peak RSS %d MiB, %d files, %d MB, largest page %s KB (%s); load %s -> %s\n' \
		"$n" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" $((rss / 1024)) "$files" $((bytes / 1000000)) \
		$((${largest%% *} / 1000)) "${largest#* }" "$before" "$after"
	echo "$wall $(echo "$user + $sys" | bc)" >"$B/last"
}

measure "$N"
read -r w1 c1 <"$B/last"
measure $((2 * N))
read -r w2 c2 <"$B/last"
printf 'doubling %s -> %s entries: CPU x%.2f, wall x%.2f (target: at most x2.1)\n' "$N" $((2 * N)) \
	"$(echo "$c2 / $c1" | bc -l)" "$(echo "$w2 / $w1" | bc -l)"
