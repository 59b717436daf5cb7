#!/usr/bin/env bash
# Builds csv2dto with profile-guided optimization (PGO): the build for machines where speed
# matters most (nightly jobs on big lists). On 1M generated rows at --jobs 2 it ran 6-14%
# faster than `cargo build --release` with --phone-check format and 8-15% faster with valid,
# retiring 7-10% fewer instructions a row (numbers and commands in benches/README.md). Its
# outputs are the same bytes; only the machine code differs, laid out for the paths real
# runs take.
#
# Steps, six to eight minutes on 2 cores:
#   1. installs what it needs if missing: cargo-pgo (`cargo install cargo-pgo --locked`) and
#      llvm-profdata (`rustup component add llvm-tools-preview`);
#   2. builds an instrumented csv2dto (`cargo pgo build`);
#   3. trains it on files made by `examples/gen.rs` with seed 11 (the benchmarks use seed 7,
#      so the benchmark file is not the training file), gzip input, both phone checks,
#      --dedupe, --warnings, batch files, `check`, the samples and the conformance CSVs: a
#      path no training run takes would be compiled as cold, so the common options are all
#      in the training set;
#   4. builds the optimized csv2dto (`cargo pgo optimize`), checks that its JSONL and rejects
#      are byte-identical to the plain release build's on the training file in both phone
#      checks, and only then copies it to OUT.
#
# Usage: benches/pgo.sh [--rows N] [--out PATH]
#   --rows  rows in the training file (default 300000)
#   --out   where to put the optimized binary (default target/pgo/csv2dto)
set -euo pipefail

rows=300000
out=""
while (($#)); do
    case "$1" in
        --rows) rows="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "pgo.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "pgo.sh: $*" >&2; }

cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
out="${out:-$target_dir/pgo/csv2dto}"

if ! cargo pgo --version >/dev/null 2>&1; then
    say "installing cargo-pgo (cargo install cargo-pgo --locked)"
    cargo install cargo-pgo --locked --quiet
fi
# `cargo pgo info` fails when BOLT is missing too, which is not needed here.
if ! { cargo pgo info 2>/dev/null || true; } | grep -q '^\[llvm-profdata\]: found'; then
    say "installing llvm-profdata (rustup component add llvm-tools-preview)"
    rustup component add llvm-tools-preview
fi

say "building the plain release csv2dto (to check against) and the test-data generator"
cargo build --release --quiet --bin csv2dto --example gen
plain="$target_dir/release/csv2dto"
gen="$target_dir/release/examples/gen"

say "building the instrumented csv2dto"
cargo pgo build -- --bin csv2dto --quiet
# cargo-pgo builds for the host triple explicitly, so that its flags skip build scripts.
host="$(rustc -vV | sed -n 's/^host: //p')"
bin="$target_dir/$host/release/csv2dto"

# One profile file per process, as cargo-pgo advises for more than one run.
profiles="$(cd "$target_dir" && pwd)/pgo-profiles"
export LLVM_PROFILE_FILE="$profiles/csv2dto_%m_%p.profraw"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
say "training on $rows generated rows (seed 11)"
"$gen" --rows "$rows" --seed 11 --out "$tmp/train.csv"
gzip -c "$tmp/train.csv" >"$tmp/train.csv.gz"
# train OKS ARGS... : one run of the instrumented csv2dto, whose exit status must be one of
# OKS. Runs that find rejects exit 0; a threshold or `check` exits 3; a CSV that is no
# customer list (some conformance files) exits 1. Those are results, not failures; anything
# else (a crash) means the instrumented build is broken: stop.
train() {
    local oks="$1" status=0
    shift
    "$bin" "$@" >/dev/null 2>&1 || status=$?
    if [[ " $oks " != *" $status "* ]]; then
        say "training run failed with exit status $status: csv2dto $*"
        exit 1
    fi
}
outs=(-o "$tmp/out.jsonl" -r "$tmp/rejects.csv" -q)
train "0 3" convert "$tmp/train.csv" "${outs[@]}" --jobs 2 --phone-check format
train "0 3" convert "$tmp/train.csv" "${outs[@]}" --jobs 2 --phone-check valid --default-region US
train "0 3" convert "$tmp/train.csv" "${outs[@]}" --jobs 1 --phone-check possible --default-region US
train "0 3" convert "$tmp/train.csv.gz" "${outs[@]}" --dedupe number --warnings "$tmp/warnings.csv" \
    --summary-json "$tmp/summary.json" --max-reject-rate 0.1
train "0 3" convert "$tmp/rejects.csv" -o "$tmp/fixed.jsonl" -r "$tmp/still.csv" -q --default-region US \
    --rejects-excel-safe
cat >"$tmp/call.json" <<'JSON'
{"name": "Training {n}", "assistantId": "5b0a4a08-133c-4146-9315-0984f8c6be80",
 "phoneNumberId": "c86b5177-5cd8-447f-9013-99e307a8a7bb"}
JSON
train "0 3" convert "$tmp/train.csv" --out-dir "$tmp/dir" --default-region US -q \
    --batch-template "$tmp/call.json" --batch-dir "$tmp/batches" --batch-kind call
train "0 3" check "$tmp/train.csv" --default-region US
# The conformance CSVs sit beside the checkout when it has them (../shared).
for csv in samples/*.csv $(find ../shared/conformance -name '*.csv' 2>/dev/null | sort); do
    train "0 1 3" convert "$csv" -o "$tmp/small.jsonl" -r "$tmp/small.csv" -q
done

say "building the optimized csv2dto"
cargo pgo optimize -- --bin csv2dto --quiet

# The optimized build must write the same bytes as the plain one, or it is not delivered.
say "checking its outputs against the plain release build"
for check in "--phone-check format" "--phone-check valid --default-region US"; do
    for build in plain pgo; do
        exe="$plain"
        [[ "$build" == pgo ]] && exe="$bin"
        # shellcheck disable=SC2086 # $check is two or three words on purpose
        "$exe" convert "$tmp/train.csv" -o "$tmp/$build.jsonl" -r "$tmp/$build.csv" -q --jobs 2 $check
    done
    if ! cmp -s "$tmp/plain.jsonl" "$tmp/pgo.jsonl" || ! cmp -s "$tmp/plain.csv" "$tmp/pgo.csv"; then
        say "the optimized build's outputs differ from the plain build's ($check): not delivered"
        exit 1
    fi
done
mkdir -p "$(dirname "$out")"
cp "$bin" "$out"
say "done: $out"
