#!/usr/bin/env bash
# How long `dateline serve` takes to answer its first pages, seen from
# outside: the real binary is started on a bench corpus, and the time from
# launch until GET of a page answers 200 with its body is measured for the
# front page, an entry page and an actor page, each in its own launch,
# RUNS times; the median is printed, with the load. Serve keeps no cache
# between runs, so the only warmth is the operating system's file cache:
# the first launch of all (which reads the corpus first) is also printed.
#
#   .ci/bench-serve.sh [N] [RUNS]      # N entries (default 10000), RUNS (default 5)
#
# BENCH_DIR holds the corpora (default /tmp/dateline-bench, made by
# ../shared/bench/gen_corpus.py); DATELINE is a binary to time instead of
# building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}" runs="${2:-5}"
src="${BENCH_DIR:-/tmp/dateline-bench}/corpus-$n/dateline"
[ -f "$src/site.toml" ] || { echo "no corpus at $src" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="${DATELINE:-}"
if [ -z "$bin" ]; then
  bin="$work/dateline"
  go build -o "$bin" ./cmd/dateline
fi

# first PAGE prints the milliseconds from launch to PAGE's body.
first() {
  local page="$1" out="$work/stdout" t0 url code ms pid
  rm -f "$out"
  t0=$(date +%s%N)
  "$bin" serve --src "$src" --addr 127.0.0.1:0 >"$out" 2>"$work/stderr" &
  pid=$!
  url=""
  while [ -z "$url" ]; do
    url=$(head -n1 "$out" 2>/dev/null || true)
    case "$url" in http*/) ;; *) url=""; sleep 0.005 ;; esac
    kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
  done
  code=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 120 "${url%/}$page")
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [ "$code" != 200 ] || ! grep -q '</html>' "$work/body"; then
    echo "GET $page: $code" >&2; kill -KILL "$pid"; wait "$pid" || true; exit 1
  fi
  # Killed, not stopped: a stopped server finishes its first build first,
  # which is not what is measured and takes a minute at 10,000 entries.
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

entry=$(cd "$src/content/entries" && find . -name '*.md' | sort | sed -n "$((n/2))p" | xargs basename | sed 's/\.md$//')
actor=$(grep -m1 -o '^\[[a-z0-9-]*\]' "$src/content/actors.toml" | tr -d '[]')
echo "dateline serve, first page at $n entries; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first launch: / in $(first /) ms"
for page in / "/entries/$entry/" "/actors/$actor/"; do
  took=()
  for _ in $(seq "$runs"); do
    took+=("$(first "$page")")
  done
  printf '%-28s %6s ms   (median of %s: %s)\n' "$page" "$(printf '%s\n' "${took[@]}" | median)" "$runs" "${took[*]}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
