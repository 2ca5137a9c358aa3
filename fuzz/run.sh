#!/usr/bin/env bash
# Builds and runs every fuzz target for a bounded time; fails on any crash, timeout or OOM.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS is the time per target (default 60); TARGETs default to all of them. Installs
# cargo-fuzz when missing. cargo-fuzz needs nightly features; this machine has a stable
# toolchain, so everything runs with RUSTC_BOOTSTRAP=1.
#
# Each target starts from its committed seeds (fuzz/corpus/TARGET, read only) and keeps what
# it finds in fuzz/target/corpus/TARGET (not committed). Logs go to fuzz/logs/TARGET.log,
# crashing inputs to fuzz/artifacts/TARGET/. Extra libFuzzer flags can be given in FUZZ_ARGS.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
seconds="${1:-60}"
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=(client_response server_request wsdl_reader)
fi
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

echo "fuzz: building ${targets[*]}"
for target in "${targets[@]}"; do
    cargo fuzz build "$target"
done

failed=()
mkdir -p logs
for target in "${targets[@]}"; do
    work="$here/target/corpus/$target"
    artifacts="$here/artifacts/$target"
    log="$here/logs/$target.log"
    mkdir -p "$work" "$artifacts"
    echo "fuzz: running $target for ${seconds}s (log: fuzz/logs/$target.log)"
    rc=0
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags.
    cargo fuzz run "$target" "$work" "corpus/$target" -- \
        -dict=xml.dict \
        -max_total_time="$seconds" \
        -rss_limit_mb=2048 \
        -timeout=10 \
        -print_final_stats=1 \
        ${FUZZ_ARGS:-} >"$log" 2>&1 || rc=$?
    grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true
    grep -E '^Done [0-9]+ runs' "$log" || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb)' "$log" || true
    echo "corpus: $(find "$work" -type f | wc -l) found + $(find "corpus/$target" -type f | wc -l) seeds"
    found="$(grep -oE '(Test unit written to|artifact_prefix.*; Test unit written to) [^ ]+' "$log" | awk '{print $NF}' || true)"
    if [ "$rc" -ne 0 ] || [ -n "$found" ] || grep -qE '^==[0-9]+== ?ERROR: libFuzzer|ERROR: AddressSanitizer' "$log"; then
        echo "fuzz: $target FAILED (exit $rc)"
        grep -E 'panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY' "$log" | head -n 5 || true
        for artifact in $found; do
            echo "fuzz: artifact $artifact"
        done
        echo "fuzz: reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run $target <artifact>  (in fuzz/)"
        failed+=("$target")
    else
        echo "fuzz: $target passed"
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}"
    exit 1
fi
echo "fuzz: all targets passed (${seconds}s each)"
