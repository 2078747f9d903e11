#!/usr/bin/env bash
# Build a profile-guided (PGO) release binary, for distribution: the same code
# as `cargo build --release`, laid out by the branches a training run takes.
#
#   scripts/build-pgo.sh            # → target/pgo/use/release/rasoat
#
# Training inputs: examples/, tests/fixtures/, the seeds beside the clone
# (../shared/seeds, when present) and 300 generated plans with a seed of their
# own (not the benchmark corpus's). Needs the `llvm-tools` rustup component
# (installed when missing) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
tools="$(rustc --print sysroot)/lib/rustlib/$host/bin"
if [ ! -x "$tools/llvm-profdata" ]; then
    rustup component add llvm-tools
fi

out=${PGO_DIR:-target/pgo}
profiles="$(pwd)/$out/profiles"
rm -rf "$profiles" "$out/train"
mkdir -p "$profiles"

echo "1/3 instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$profiles" \
    cargo build --release --quiet --target-dir "$out/gen"

echo "2/3 training run" >&2
python3 scripts/generate-corpus.py --count 300 --seed 7 --out "$out/train" >/dev/null
inputs=(examples tests/fixtures "$out/train")
[ -d ../shared/seeds ] && inputs+=(../shared/seeds)
bin="$out/gen/release/rasoat"
# Findings give exit code 1 and the bad inputs among the fixtures 2; only a
# crash (a higher code) stops the build.
for format in json human sarif; do
    status=0
    "$bin" check "${inputs[@]}" --format "$format" >/dev/null 2>&1 || status=$?
    [ "$status" -le 2 ] || { echo "training run failed ($status)" >&2; exit 1; }
done
"$tools/llvm-profdata" merge -o "$out/rasoat.profdata" "$profiles"

echo "3/3 optimised build" >&2
RUSTFLAGS="-Cprofile-use=$(pwd)/$out/rasoat.profdata" \
    cargo build --release --quiet --target-dir "$out/use"
echo "$out/use/release/rasoat"
