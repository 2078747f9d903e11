#!/usr/bin/env bash
# Single plan end to end, process start included: RUNS runs of
# `rasoat check --format json PLAN`, printing min / median / max wall time in
# milliseconds and the peak RSS of the median run, as a Markdown row.
#
#   scripts/bench-single.sh                                # examples/001, 30 runs
#   PLAN=/tmp/one.txt RUNS=50 scripts/bench-single.sh       # start-up alone
#   for f in ../shared/seeds/*.txt; do PLAN=$f scripts/bench-single.sh; done
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/rasoat}
PLAN=${PLAN:-examples/001-xa-kien-hung-2026.txt}
RUNS=${RUNS:-30}
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
if [ "$BIN" = target/release/rasoat ]; then
    cargo build --release --quiet
fi

"$BIN" check --format json "$PLAN" > /dev/null || true # warm the page cache
samples=$(mktemp)
for _ in $(seq "$RUNS"); do
    # %e has 10 ms resolution; date gives the wall time in ns.
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$samples.rss" "$BIN" check --format json "$PLAN" > /dev/null || true
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(tail -n 1 "$samples.rss")" >> "$samples"
done
sort -n "$samples" | awk -v plan="$PLAN" -v runs="$RUNS" '
    { us[NR] = $1; rss[NR] = $2 }
    END {
        mid = int((NR + 1) / 2)
        printf "| `%s` (%d runs) | min %.1f ms | median %.1f ms | max %.1f ms | %d MB peak RSS |\n",
            plan, runs, us[1] / 1000, us[mid] / 1000, us[NR] / 1000, rss[mid] / 1024
    }'
rm -f "$samples" "$samples.rss"

# The loop above times `date` and `/usr/bin/time` too (about 2 ms). `perf stat`
# times the process alone: its mean is the figure BENCHMARKS.md compares
# with the 20 ms target.
if command -v perf >/dev/null; then
    perf stat -r "$RUNS" "$BIN" check --format json "$PLAN" 2>&1 >/dev/null |
        awk -v plan="$PLAN" -v runs="$RUNS" '/time elapsed/ {
            printf "| `%s` (%d runs, perf stat) | mean %.1f ms | ± %.1f ms |\n", plan, runs, $1 * 1000, $3 * 1000 }'
fi
