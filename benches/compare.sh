#!/usr/bin/env bash
# Whole-process benchmark of csv2dto against the I/O and CSV-parse floors.
#
# Generates customer CSVs with `examples/gen.rs` (seed 7) into a temp dir, then times, on the
# same files: csv2dto with --jobs 1 and --jobs $(nproc), each with --phone-check format and
# --phone-check valid --default-region US; `cat FILE` (I/O floor); `examples/csvcount.rs`
# (CSV-parse floor with the csv crate csv2dto uses); `xsv count` and `xsv fixlengths` when
# xsv is installed. Each command gets one warm-up and --runs timed runs; the table shows the
# median wall time, the peak RSS over the runs (GNU time) and ratios to the floors. A command
# that fails is listed as skipped with the reason, so a half-built tool still gives a table.
#
# Usage: benches/compare.sh [--rows-list "100000 1000000"] [--runs 3] [--big]
#                           [--out BENCHMARKS.md] [--bin PATH/TO/csv2dto]
#                           [--baseline PATH/TO/older/csv2dto [--baseline-name NAME]]
#                           [--outputs DIR]
#   --big   also generate 10M rows, run csv2dto once with all cores, record peak RSS (shows
#           that memory stays flat as input grows), then delete the file.
#   --bin   time this csv2dto binary instead of the one built from this checkout.
#   --baseline  also time this other csv2dto binary (e.g. built from an older commit) on the
#           same files in the same session, its runs taking turns with csv2dto's, and add a
#           table of speed-ups against it and of --jobs scaling. NAME (default: its path)
#           labels it, e.g. a commit hash. (The runs of csv2dto at each --jobs value take
#           turns too, with or without a baseline, so the scaling ratio is like for like.)
#   --outputs  write csv2dto's JSONL and rejects under DIR (e.g. /dev/shm, a tmpfs) instead of
#           the temp dir beside the input: separates csv2dto's own time from the disk's.
set -euo pipefail

rows_list="100000 1000000"
runs=3
big=0
out=BENCHMARKS.md
bin=""
baseline=""
baseline_name=""
outputs=""
while (($#)); do
    case "$1" in
        --rows-list) rows_list="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --big) big=1; shift ;;
        --out) out="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        --baseline-name) baseline_name="$2"; shift 2 ;;
        --outputs) outputs="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "compare.sh: $*" >&2; }

cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"

say "building (release)"
cargo build --release --quiet --bin csv2dto --example gen --example csvcount
bin="${bin:-$target_dir/release/csv2dto}"
gen="$target_dir/release/examples/gen"
csvcount="$target_dir/release/examples/csvcount"

if [[ ! -x /usr/bin/time ]]; then
    say "installing GNU time for peak RSS"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
xsv_note=""
if ! command -v xsv >/dev/null; then
    say "installing xsv (cargo install xsv --locked)"
    cargo install xsv --locked --quiet || xsv_note="xsv not installed (cargo install failed): its rows are missing"
fi

tmp="$(mktemp -d)"
out_dir="$tmp"
out_shown=""   # how commands show out_dir
if [[ -n "$outputs" ]]; then
    out_dir="$(mktemp -d -p "$outputs")"
    out_shown="OUT/"
fi
trap 'rm -rf "$tmp" "$out_dir"' EXIT
cores="$(nproc)"
jobs_list="1"
[[ "$cores" != 1 ]] && jobs_list="1 $cores"

table="$tmp/table.md"   # rows of the results table, filled as we go
commands="$tmp/commands.md"
declare -A median_of     # "label|rows" -> median seconds, for the floor ratios
declare -A runs_of       # "label|rows" -> its timed runs in order, for the round-by-round ratios

skip() { echo "| $1 | $2 | – | – | – | – | – | – | skipped: $3 |" >>"$table"; }

declare -A notes_of times_of peak_of failed_of   # per label, while it is measured

# prepare LABEL ROWS FILE CMD... : list the command, run it once as a warm-up and check it
# worked; otherwise add a "skipped" row and fail.
prepare() {
    local label="$1" rows="$2" file="$3"
    shift 3
    local shown
    shown="$(printf '%q ' "$@" | sed "s|$out_dir/|$out_shown|g; s|$tmp/||g; s|$target_dir/|target/|g; s| $||")"
    echo "- \`$shown\`" >>"$commands"
    say "$label, $rows rows"
    times_of["$label"]=""
    peak_of["$label"]=0
    failed_of["$label"]=""
    notes_of["$label"]=""

    rm -f "$out_dir/out.jsonl" "$out_dir/rej.csv"
    local status=0
    "$@" >/dev/null 2>"$tmp/err" || status=$?
    if ((status != 0)); then
        local why
        why="$(head -c 150 "$tmp/err" | tr '\n|`' '  _')"
        skip "$rows" "$label" "exit status $status${why:+: $why}"
        return 1
    fi
    if [[ "$label" == csv2dto* ]]; then
        if [[ ! -s "$out_dir/out.jsonl" ]]; then
            skip "$rows" "$label" "exited 0 but wrote no JSONL"
            return 1
        fi
        notes_of["$label"]="$(wc -l <"$out_dir/out.jsonl") JSONL lines"
    fi
}

# timed LABEL RUN CMD... : one timed run of CMD, added to LABEL's times and peak RSS.
timed() {
    local label="$1" run="$2"
    shift 2
    [[ -n "${failed_of["$label"]}" ]] && return 0
    rm -f "$out_dir/out.jsonl" "$out_dir/rej.csv"
    local start end rss
    start="$(date +%s.%N)"
    if ! /usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>/dev/null; then
        failed_of["$label"]="failed on timed run $run"
        return 0
    fi
    end="$(date +%s.%N)"
    times_of["$label"]+="$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.6f", e - s}') "
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")"
    ((rss > peak_of["$label"])) && peak_of["$label"]="$rss"
    return 0
}

# report LABEL ROWS FILE : the table row of LABEL's median, rows/s, MB/s, peak RSS, ratios.
report() {
    local label="$1" rows="$2" file="$3"
    if [[ -n "${failed_of["$label"]}" ]]; then
        skip "$rows" "$label" "${failed_of["$label"]}"
        return 0
    fi
    local bytes median
    bytes="$(stat -c %s "$file")"
    median="$(printf '%s\n' ${times_of["$label"]} | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
    median_of["$label|$rows"]="$median"
    runs_of["$label|$rows"]="${times_of["$label"]}"

    local cat_s="${median_of["cat|$rows"]:-}" parse_s="${median_of["csvcount|$rows"]:-}"
    awk -v rows="$rows" -v label="$label" -v t="$median" -v bytes="$bytes" \
        -v rss="${peak_of["$label"]}" -v cat_s="$cat_s" -v parse_s="$parse_s" \
        -v notes="${notes_of["$label"]}" -v n="$runs" 'BEGIN {
        ratio_cat = cat_s > 0 ? sprintf("%.1f", t / cat_s) : "–"
        ratio_parse = parse_s > 0 ? sprintf("%.1f", t / parse_s) : "–"
        printf "| %d | %s | %.3f | %.0f | %.1f | %.1f | %s | %s | %s |\n",
            rows, label, t, rows / t, bytes / 1e6 / t, rss / 1024, ratio_cat, ratio_parse,
            (notes == "" ? "" : notes "; ") "median of " n
    }' >>"$table"
}

# measure LABEL ROWS FILE CMD... : warm up, time $runs runs, append a table row.
measure() {
    local label="$1" rows="$2" file="$3" i
    shift 3
    prepare "$label" "$rows" "$file" "$@" || return 0
    for ((i = 1; i <= runs; i++)); do
        timed "$label" "$i" "$@"
    done
    report "$label" "$rows" "$file"
}

# measure_group ROWS FILE LABEL... : like measure for the commands in the arrays
# group_cmd_0, group_cmd_1, ... (one per LABEL, in order), their timed runs taking turns,
# so that a machine whose speed drifts during the session (a shared VM does) weighs on all
# of them alike: the ratios between them (scaling, baseline) are then like for like.
measure_group() {
    local rows="$1" file="$2" i k
    shift 2
    local labels=("$@") ok=()
    for k in "${!labels[@]}"; do
        local -n cmd="group_cmd_$k"
        ok[k]=1
        prepare "${labels[k]}" "$rows" "$file" "${cmd[@]}" || ok[k]=0
        unset -n cmd
    done
    for ((i = 1; i <= runs; i++)); do
        for k in "${!labels[@]}"; do
            ((ok[k])) || continue
            local -n cmd="group_cmd_$k"
            timed "${labels[k]}" "$i" "${cmd[@]}"
            unset -n cmd
        done
    done
    for k in "${!labels[@]}"; do
        ((ok[k])) && report "${labels[k]}" "$rows" "$file"
    done
    return 0
}

# add_to_group LABEL CMD... : append a command to the group csv2dto_runs is building
# (labels, and the array group_cmd_<k> that measure_group reads).
add_to_group() {
    local label="$1" k="${#labels[@]}"
    shift
    declare -ga "group_cmd_$k"
    local -n cmd="group_cmd_$k"
    cmd=("$@")
    labels+=("$label")
}

# csv2dto_runs ROWS FILE: for each phone check, csv2dto at each --jobs value and the
# baseline at each (when there is one), all taking turns.
csv2dto_runs() {
    local rows="$1" file="$2" jobs check
    for check in format "valid US"; do
        local labels=()
        for jobs in $jobs_list; do
            local args=(convert "$file" --output "$out_dir/out.jsonl" --rejects "$out_dir/rej.csv"
                --quiet --jobs "$jobs" --phone-check)
            if [[ "$check" == format ]]; then
                args+=(format)
            else
                args+=(valid --default-region US)
            fi
            add_to_group "csv2dto --jobs $jobs, $check" "$bin" "${args[@]}"
            if [[ -n "$baseline" ]]; then
                add_to_group "$base_label --jobs $jobs, $check" "$baseline" "${args[@]}"
            fi
        done
        measure_group "$rows" "$file" "${labels[@]}"
    done
}

base_label="csv2dto (baseline ${baseline_name:-$baseline})"

: >"$commands"
for rows in $rows_list; do
    file="$tmp/customers-$rows.csv"
    say "generating $rows rows"
    "$gen" --rows "$rows" --seed 7 --out "$file"
    measure cat "$rows" "$file" cat "$file"
    measure csvcount "$rows" "$file" "$csvcount" "$file"
    if command -v xsv >/dev/null; then
        measure "xsv count" "$rows" "$file" xsv count "$file"
        measure "xsv fixlengths" "$rows" "$file" xsv fixlengths "$file"
    fi
    csv2dto_runs "$rows" "$file"
    rm -f "$file"
done

big_note=""
if ((big)); then
    rows=10000000
    file="$tmp/customers-$rows.csv"
    say "generating $rows rows for the memory check"
    "$gen" --rows "$rows" --seed 7 --out "$file"
    saved_runs="$runs"
    runs=1
    measure "csv2dto --jobs $cores, valid US" "$rows" "$file" \
        "$bin" convert "$file" --output "$out_dir/out.jsonl" --rejects "$out_dir/rej.csv" \
        --quiet --jobs "$cores" --phone-check valid --default-region US
    runs="$saved_runs"
    rm -f "$file" "$out_dir/out.jsonl" "$out_dir/rej.csv"
    big_note="The 10,000,000-row line (--big) is a single run after one warm-up, kept to show that peak RSS does not grow with the input."
fi

# ratio SLOWER_LABEL FASTER_LABEL (uses $rows): the median over rounds of the slower
# command's time ÷ the faster one's. Both ran in every round of their group (see
# measure_group), moments apart, so a drift in the machine's speed between rounds cancels
# out of each round's ratio; a ratio of the two medians would take runs from different
# rounds.
ratio() {
    awk -v a="${runs_of["$1|$rows"]:-}" -v b="${runs_of["$2|$rows"]:-}" 'BEGIN {
        n = split(a, x, " ")
        m = split(b, y, " ")
        if (m < n) n = m
        k = 0
        for (i = 1; i <= n; i++) if (x[i] > 0 && y[i] > 0) r[++k] = x[i] / y[i]
        if (k == 0) { printf "–"; exit }
        for (i = 2; i <= k; i++) {
            v = r[i]
            for (j = i - 1; j > 0 && r[j] > v; j--) r[j + 1] = r[j]
            r[j + 1] = v
        }
        printf "%.2f", r[int((k + 1) / 2)]
    }'
}

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
{
    echo "# Benchmarks"
    echo
    echo "Whole-process timings of csv2dto against an I/O floor (\`cat\`) and a CSV-parse floor"
    echo "(\`csvcount\`: the csv crate reading every record, nothing else). Regenerate with"
    echo "\`benches/compare.sh\`; see \`benches/README.md\` for what each column means."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Commit: $commit"
    echo "- CPU: $(lscpu | awk -F': +' '/^Model name/ {print $2; exit}'), $cores cores (nproc)"
    echo "- Memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- Rust: $(rustc --version)"
    version="$("$bin" --version 2>/dev/null || true)"
    echo "- csv2dto: \`$bin\` (${version:-no --version output})"
    echo "- Input: \`gen --rows N --seed 7\` ($rows_list rows), about $(
        "$gen" --rows 10000 --seed 7 --out - | wc -c | awk '{printf "%d", $1 / 10000}'
    ) bytes per row, 27% invalid rows"
    echo "- Runs: one warm-up, then median of $runs; peak RSS is the maximum over the runs; for each phone check the timed runs of every --jobs value (and of the baseline) take turns"
    [[ -n "$baseline" ]] &&
        echo "- Baseline: timed on the same files in the same session"
    if [[ -n "$outputs" ]]; then
        echo "- Outputs: written under \`$outputs\` (\`OUT\` in the commands), $(
            df -T "$outputs" | awk 'NR == 2 {print $2}') file system"
    else
        echo "- Outputs: written beside the input in the temp dir, on $(
            df -T "$tmp" | awk 'NR == 2 {print $2}') file system"
    fi
    echo
    echo "| rows | command | median s | rows/s | MB/s | peak RSS MiB | × cat | × csvcount | notes |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
    cat "$table"
    echo
    [[ -n "$big_note" ]] && echo "$big_note" && echo
    [[ -n "$xsv_note" ]] && echo "$xsv_note" && echo
    echo "## Scaling and baseline"
    echo
    echo "Speed-ups (higher is better): in each round every csv2dto command of a phone check ran"
    echo "once, in turn, and each ratio is the median over the rounds of that round's ratio, so"
    echo "that the machine's drift between rounds cancels out. They can differ from the ratio of"
    echo "the medians in the table above."
    echo
    echo "| rows | check | --jobs 1 → --jobs $cores | × baseline, --jobs 1 | × baseline, --jobs $cores |"
    echo "|---:|---|---:|---:|---:|"
    for rows in $rows_list; do
        for check in format "valid US"; do
            echo "| $rows | $check | $(ratio "csv2dto --jobs 1, $check" "csv2dto --jobs $cores, $check") |" \
                "$(ratio "$base_label --jobs 1, $check" "csv2dto --jobs 1, $check") |" \
                "$(ratio "$base_label --jobs $cores, $check" "csv2dto --jobs $cores, $check") |"
        done
    done
    echo
    if [[ -n "$baseline" ]]; then
        echo "The baseline is \`${baseline_name:-$baseline}\`, timed in the same session on the same files."
    else
        echo "No baseline this run (\`--baseline\`): its columns are empty."
    fi
    echo
    echo "\`xsv count\` refuses files with ragged rows, which these files have on purpose; when it"
    echo "is skipped for that reason, \`xsv fixlengths\` (flexible parse plus CSV rewrite) stands in."
    echo
    echo "## Commands"
    echo
    echo "\`FILE\` stands for \`customers-<rows>.csv\` in a temp dir, generated by"
    echo "\`target/release/examples/gen --rows <rows> --seed 7 --out FILE\`."
    echo
    sed "s|customers-[0-9]*\.csv|FILE|g" "$commands" | awk '!seen[$0]++'
} >"$out"
say "wrote $out"
