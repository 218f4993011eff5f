#!/usr/bin/env bash
# How long `dateline serve` takes to answer its first pages, seen from
# outside: the real binary is started on a bench corpus, and the time from
# launch until GET of a page answers 200 with its body is measured for the
# front page, an entry page and an actor page, each in its own launch.
# Each is measured cold (no cache of earlier runs) and warm (after a run
# that left its cache), RUNS times; the median is printed, with the load.
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
# The cache lives below XDG_CACHE_HOME (os.UserCacheDir): a directory of
# this run's own, so that a cold start is cold and the user's is untouched.
export XDG_CACHE_HOME="$work/cache"

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
    echo "GET $page: $code" >&2; kill "$pid"; wait "$pid" || true; exit 1
  fi
  # Let the build finish, so the next (warm) run finds what it saved.
  if [ "${WAIT_BUILD:-}" = 1 ]; then
    while ! grep -q 'built\|rebuilt\|files' "$out" 2>/dev/null; do sleep 0.1; done
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

entry=$(cd "$src/content/entries" && find . -name '*.md' | sort | sed -n "$((n/2))p" | xargs basename | sed 's/\.md$//')
actor=$(grep -m1 -o '^\[[a-z0-9-]*\]' "$src/content/actors.toml" | tr -d '[]')
echo "dateline serve, first page at $n entries; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for page in / "/entries/$entry/" "/actors/$actor/"; do
  cold=() warm=()
  for _ in $(seq "$runs"); do
    rm -rf "$XDG_CACHE_HOME"
    cold+=("$(WAIT_BUILD=1 first "$page")")
    warm+=("$(first "$page")")
  done
  printf '%-28s cold %6s ms   warm %6s ms   (median of %s; cold: %s; warm: %s)\n' "$page" \
    "$(printf '%s\n' "${cold[@]}" | median)" "$(printf '%s\n' "${warm[@]}" | median)" "$runs" "${cold[*]}" "${warm[*]}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
