#!/usr/bin/env bash
# Measures what the generated crate costs its users: lines generated per service, and the
# time of `cargo check` and `cargo build --release` of `superoffice-services87` with every
# service (`full`) and with two (`so-principal,contact`), dependencies already built.
#
#   bash bench/build-times.sh [RUNS]     (default 1 run of each; the median is printed)
#
# Uses its own target directory (target/build-times) so the workspace's is left alone. Each
# run first removes the generated crate's own artifacts (`cargo clean -p`), so only it is
# rebuilt. Times are wall-clock seconds of the whole cargo command, from `date`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
export CARGO_TARGET_DIR="$PWD/target/build-times"
crate=superoffice-services87

echo "== generated lines"
for file in generated/src/*.rs; do
    printf '%8d  %s\n' "$(wc -l <"$file")" "$(basename "$file" .rs)"
done | sort -n
total=$(cat generated/src/*.rs | wc -l)
echo "$total lines in all"

# Dependencies first, for both profiles, so the runs below time the generated crate alone.
cargo check -q -p soap-runtime
cargo build -q --release -p soap-runtime

measure() { # LABEL COMMAND...
    local label="$1"
    shift
    local times=()
    for _ in $(seq "$runs"); do
        cargo clean -q -p "$crate" ${RELEASE:+--release} 2>/dev/null || true
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        times+=("$(awk "BEGIN { printf \"%.1f\", $end - $start }")")
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-44s %8.1f s   (runs: %s)\n' "$label" "$median" "${times[*]}"
}

echo
echo "== build times of $crate, dependencies built ($(nproc) cores)"
two="so-principal,contact"
measure "cargo check, features $two" cargo check -q -p "$crate" --features "$two"
measure "cargo check, feature full" cargo check -q -p "$crate" --features full
RELEASE=1 measure "cargo build --release, features $two" \
    cargo build -q --release -p "$crate" --features "$two"
RELEASE=1 measure "cargo build --release, feature full" \
    cargo build -q --release -p "$crate" --features full
