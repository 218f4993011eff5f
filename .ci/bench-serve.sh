#!/usr/bin/env bash
# How long `dateline serve` takes to answer its first pages, seen from
# outside: the real binary is started on a bench corpus, and the time from
# launch until GET of a page answers 200 with its body is measured for the
# front page, an entry page and an actor page, each in its own launch,
# RUNS times; the median is printed, with the load. Each page is timed
# twice: with --no-cache, when every file is parsed, and with the parsed
# documents a previous run kept (after one run that finished its first
# build and saved them). The first launch of all, which reads the corpus
# into the operating system's file cache, is also printed.
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
export XDG_CACHE_HOME="$work/cache" # serve's cache of parsed documents
bin="${DATELINE:-}"
if [ -z "$bin" ]; then
  bin="$work/dateline"
  go build -o "$bin" ./cmd/dateline
fi

# first PAGE [FLAG] prints the milliseconds from launch to PAGE's body.
first() {
  local page="$1" out="$work/stdout" t0 url code ms pid
  rm -f "$out"
  t0=$(date +%s%N)
  "$bin" serve --src "$src" --addr 127.0.0.1:0 ${2:-} >"$out" 2>"$work/stderr" &
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
# pages FLAG times every page RUNS times.
pages() {
  local page took
  for page in / "/entries/$entry/" "/actors/$actor/"; do
    took=()
    for _ in $(seq "$runs"); do
      took+=("$(first "$page" "$1")")
    done
    printf '%-28s %6s ms   (median of %s: %s)\n' "$page" "$(printf '%s\n' "${took[@]}" | median)" "$runs" "${took[*]}"
  done
}

echo "dateline serve, first page at $n entries; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first launch: / in $(first / --no-cache) ms"
echo "-- every file parsed (--no-cache)"
pages --no-cache

# One run that finishes its first build, saves what it parsed and stops.
"$bin" serve --src "$src" --addr 127.0.0.1:0 >"$work/stdout" 2>"$work/stderr" &
pid=$!
until grep -q '^full build' "$work/stdout" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
  sleep 0.2
done
kill -INT "$pid"; wait "$pid" || true
ls "$XDG_CACHE_HOME"/dateline/serve/*.gob >/dev/null || { echo "no cache was saved" >&2; exit 1; }
echo "-- with the documents the last run parsed"
pages ""
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
