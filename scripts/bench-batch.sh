#!/usr/bin/env bash
# Batch benchmark: one generated plan per commune of Vietnam (3,321), checked
# by the release binary with `--format json`; ripgrep scans the same corpus
# for the substitution list of rules/slips.yaml as the reference.
# Prints the figures as a Markdown block for BENCHMARKS.md.
#
#   scripts/bench-batch.sh                 # 3,321 plans under target/bench-corpus
#   N=500 BIN=target/debug/rasoat scripts/bench-batch.sh   # quicker, no release build
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-3321}
SEED=${SEED:-2026}
CORPUS=${CORPUS:-target/bench-corpus}
BIN=${BIN:-target/release/rasoat}
RUNS=${RUNS:-3}

command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
if ! command -v rg >/dev/null; then
    echo "installing ripgrep (reference scan)" >&2
    apt-get install -y -qq ripgrep >/dev/null
fi
if [ "$BIN" = target/release/rasoat ]; then
    cargo build --release --quiet
fi

rm -rf "$CORPUS"
python3 scripts/generate-corpus.py --count "$N" --seed "$SEED" --out "$CORPUS"
files=$(find "$CORPUS" -name '*.txt' | wc -l)
bytes=$(find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat | wc -c)

# The substitution list: the wrong forms (`swap:` keys) of rules/slips.yaml.
patterns=target/bench-slip-patterns.txt
python3 - "$patterns" <<'EOF'
import re, sys
import os
# Before rules/slips.yaml exists: the slips of the domain notes, section 7.
wrong = [] if os.path.exists("rules/slips.yaml") else [
    "chuyên đổi số", "hạ tăng", "phải pháp", "chuyên biến", "Phần đầu", "tiên bộ",
    "chòng chéo", "chuyên ngạch", "KHCCN", "ĐMS", "KHCB", "VHXXH", "Gbps/s", "VneID"]
in_swap = False
lines = open("rules/slips.yaml", encoding="utf-8") if not wrong else []
for line in lines:
    if re.match(r"^\s+swap:\s*$", line):
        in_swap = True
        continue
    m = re.match(r'^\s+"([^"]+)":\s*"[^"]*"\s*$', line)
    if in_swap and m:
        wrong.append(m.group(1))
    elif in_swap and line.strip() and not line.strip().startswith("#"):
        in_swap = False
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(wrong) + "\n")
EOF
npatterns=$(wc -l < "$patterns")

# Best of $RUNS wall-clock runs; peak RSS of the best run.
best_wall=""; best_rss=""
for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o target/bench-time.txt "$BIN" check "$CORPUS" --format json > /dev/null || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' target/bench-time.txt |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/bench-time.txt)
    if [ -z "$best_wall" ] || awk "BEGIN {exit !($wall < $best_wall)}"; then
        best_wall=$wall; best_rss=$rss
    fi
done

rg_best=""
for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    rg --count-matches --ignore-case -F -f "$patterns" "$CORPUS" > target/bench-rg.txt || true
    end=$(date +%s.%N)
    t=$(awk "BEGIN {print $end - $start}")
    if [ -z "$rg_best" ] || awk "BEGIN {exit !($t < $rg_best)}"; then rg_best=$t; fi
done
rg_hits=$(awk -F: '{s += $2} END {print s + 0}' target/bench-rg.txt)

awk -v files="$files" -v bytes="$bytes" -v wall="$best_wall" -v rss="$best_rss" \
    -v rg="$rg_best" -v hits="$rg_hits" -v np="$npatterns" -v bin="$BIN" -v runs="$RUNS" '
BEGIN {
    mb = bytes / 1e6
    printf "| measure | value |\n|---|---|\n"
    printf "| plans | %d (%.1f MB) |\n", files, mb
    printf "| `%s check DIR --format json` wall time (best of %d) | %.2f s |\n", bin, runs, wall
    printf "| throughput | %.0f files/s, %.1f MB/s |\n", files / wall, mb / wall
    printf "| peak memory (max RSS) | %.0f MB |\n", rss / 1024
    printf "| ripgrep, %d slip patterns, same corpus (best of %d) | %.3f s (%d matches) |\n", np, runs, rg, hits
}'
