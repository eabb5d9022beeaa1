#!/usr/bin/env bash
# Compile-time benchmark: tollgate's derive against bon's and against no derive.
#
#   benches/compile-time/run.sh [RUNS]        RUNS timed builds per variant and shape (default 5)
#
# Environment: COMPILE_BENCH_DIR (default <repo>/target/compile-bench) holds the generated
# crates and their target dirs; EXPAND_SIZES (default "10 20 50 100") the field counts of the
# expanded-code measurement. Needs python3, cargo (rustup, the toolchain of
# rust-toolchain.toml), crates.io for bon on the first run; hyperfine and a nightly toolchain
# are used when present.
#
# What is timed (see benches/results/compile-time.md, which this script writes):
#   Nine generated crates (gen.py), each its own workspace: shapes 100 structs x 10 fields,
#   10 structs x 50 fields, and `nested` (chains of six structs with required paths through
#   lists, and a function per chain that builds one value through the builders), variants
#   tollgate / bon / none (no derive). Each variant has one
#   CARGO_TARGET_DIR shared by its two shapes, in which the dependencies are built once,
#   untimed. A timed run is `cargo +<pinned> build --offline` (dev profile, defaults: cargo's
#   incremental on, as many jobs as CPUs) in the crate's directory right after an untimed
#   `cargo clean -p <crate>`, which deletes the crate's artifacts and incremental cache but
#   no dependency: wall time of a clean build of the generated crate alone (macro expansion,
#   type checking, codegen) plus cargo's start and its fresh-dependency check, which is
#   measured alone as "no-op build". Runs alternate variants: for each shape, run 1 of
#   tollgate, bon, none, then run 2 of each, ...
set -euo pipefail

RUNS=${1:-5}
if ! [[ $RUNS =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [RUNS]   (RUNS: timed builds per variant and shape, default 5)" >&2
    exit 2
fi
COMMAND="benches/compile-time/run.sh $*"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${COMPILE_BENCH_DIR:-$REPO/target/compile-bench}
RESULTS=$REPO/benches/results/compile-time.md
EXPAND_SIZES=${EXPAND_SIZES:-"10 20 50 100"}
VARIANTS=(tollgate bon none)
SHAPES=(100x10 10x50 nested)

# The defaults of `cargo build`, whatever the caller's environment says.
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_INCREMENTAL CARGO_BUILD_JOBS \
    CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
export CARGO_TERM_COLOR=never

# The toolchain the repository pins, named explicitly so that OUT may lie outside the repo.
TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$REPO/rust-toolchain.toml")
CARGO=(cargo "+$TOOLCHAIN")

mkdir -p "$OUT" "$(dirname "$RESULTS")"
DATA=$OUT/data
rm -rf "$DATA"
mkdir -p "$DATA"
START=$(date +%s)

log() { printf '== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- machine
{
    echo "date	$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "command	$COMMAND"
    echo "runs	$RUNS"
    echo "nproc	$(nproc)"
    echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "memory	$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel	$(uname -sr)"
    echo "rustc	$(rustc "+$TOOLCHAIN" --version)"
    echo "cargo	$("${CARGO[@]}" --version)"
    echo "commit	$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    # The derive measured is the working tree's: say whether it differs from the commit.
    dirty=$(git -C "$REPO" status --porcelain -- macros runtime 2>/dev/null | wc -l)
    echo "tree	macros/ and runtime/: $dirty uncommitted change(s)"
    if command -v hyperfine >/dev/null; then
        echo "timer	$(hyperfine --version) (one run per invocation, -N, --prepare)"
    else
        echo "timer	python3 time.monotonic and getrusage(RUSAGE_CHILDREN) (hyperfine not found)"
    fi
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$DATA/meta.tsv"
cat "$DATA/meta.tsv" >&2

# ---------------------------------------------------------------- generate
log "generating crates under $OUT"
python3 "$HERE/gen.py" projects "$OUT" "$REPO" >"$DATA/projects.txt"

crate_of() { echo "cb_$1_$2"; } # variant shape -> crate name (lib name)
dir_of() { echo "$OUT/$1-$2"; }

# ---------------------------------------------------------------- dependencies, untimed
for shape in "${SHAPES[@]}"; do
    for variant in "${VARIANTS[@]}"; do
        log "dependencies and a first (untimed) build: $variant $shape"
        (cd "$(dir_of "$variant" "$shape")" &&
            CARGO_TARGET_DIR=$OUT/target-$variant "${CARGO[@]}" build --quiet)
    done
done
bon_version=$(sed -n '/^name = "bon"$/{n;s/^version = "\(.*\)"/\1/p}' "$(dir_of bon 100x10)/Cargo.lock")
echo "bon	$bon_version" >>"$DATA/meta.tsv"

# ---------------------------------------------------------------- timing
# time_build VARIANT SHAPE PREPARE(0/1) -> prints "wall user+sys"
time_build() {
    local variant=$1 shape=$2 prepare=$3 dir crate
    dir=$(dir_of "$variant" "$shape")
    crate=$(crate_of "$variant" "$shape")
    (
        cd "$dir"
        export CARGO_TARGET_DIR=$OUT/target-$variant
        local clean="${CARGO[*]} clean --quiet --offline -p ${crate//_/-}"
        local build="${CARGO[*]} build --quiet --offline"
        if [[ ${COMPILE_BENCH_TIMER:-} != rusage ]] && command -v hyperfine >/dev/null; then
            local args=(-N --runs 1 --style none --export-json "$DATA/hf.json")
            [[ $prepare == 1 ]] && args+=(--prepare "$clean")
            hyperfine "${args[@]}" "$build" >/dev/null
            python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.4f %.4f" % (r["times"][0], r["user"] + r["system"]))' "$DATA/hf.json"
        else
            [[ $prepare == 1 ]] && $clean
            # Wall time, and user+sys of the build's whole process tree (every rustc that cargo
            # waited for is folded into cargo's children's usage, and cargo into ours).
            python3 -c 'import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (wall, usage.ru_utime + usage.ru_stime))' $build
        fi
    )
}

printf 'shape\tvariant\trun\twall_s\tcpu_s\n' >"$DATA/noop.tsv"
for shape in "${SHAPES[@]}"; do
    for variant in "${VARIANTS[@]}"; do
        result=$(time_build "$variant" "$shape" 0)
        read -r wall cpu <<<"$result"
        printf '%s\t%s\t0\t%s\t%s\n' "$shape" "$variant" "$wall" "$cpu" >>"$DATA/noop.tsv"
    done
done

printf 'shape\tvariant\trun\twall_s\tcpu_s\n' >"$DATA/times.tsv"
for shape in "${SHAPES[@]}"; do
    for run in $(seq 1 "$RUNS"); do
        for variant in "${VARIANTS[@]}"; do
            result=$(time_build "$variant" "$shape" 1)
            read -r wall cpu <<<"$result"
            printf '%s\t%s\t%s\t%s\t%s\n' "$shape" "$variant" "$run" "$wall" "$cpu" >>"$DATA/times.tsv"
            log "$shape run $run/$RUNS $variant: ${wall}s wall, ${cpu}s cpu"
        done
    done
done
echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$DATA/meta.tsv"

# ---------------------------------------------------------------- expanded code size
# One struct of N fields (and its small nested `Leaf`), expanded by nightly rustc:
# `cargo +nightly rustc --profile=check -- -Zunpretty=expanded`. What the derive on the
# N-field struct adds = the expansion with it minus the expansion without it (gen.py size).
printf 'derive\tfields\tlines\tbytes\ttokens\tstate_module_tokens\n' >"$DATA/sizes.tsv"
# expand DIR TARGET_DIR PACKAGE FILE: the crate in DIR after macro expansion, into FILE.
expand() {
    (
        cd "$1"
        export CARGO_TARGET_DIR=$2
        cargo +nightly clean --quiet -p "$3" 2>/dev/null || true
        cargo +nightly rustc --quiet --profile=check --lib -- -Zunpretty=expanded >"$4"
    )
    [[ -s $4 ]] || { echo "empty expansion: $4" >&2; exit 1; }
}

if cargo +nightly --version >/dev/null 2>&1; then
    echo "nightly	$(rustc +nightly --version)" >>"$DATA/meta.tsv"
    EXP=$OUT/expand
    mkdir -p "$EXP/src" "$OUT/expanded"
    cat >"$EXP/Cargo.toml" <<EOF
[package]
name = "cb-expand"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tollgate = { path = "$REPO/runtime", default-features = false }
bon = "=$bon_version"

# Its own workspace: not a member of tollgate's.
[workspace]
EOF
    for n in $EXPAND_SIZES; do
        for variant in tollgate tollgate-base bon bon-base; do
            log "expanding: $variant, $n fields"
            python3 "$HERE/gen.py" expand-src "$variant" "$n" >"$EXP/src/lib.rs"
            file=$OUT/expanded/$variant-$n.rs
            expand "$EXP" "$OUT/target-expand" cb-expand "$file"
            printf '%s\t%s\t%s\n' "$variant" "$n" \
                "$(python3 "$HERE/gen.py" size "$file" wide_builder | tr ' ' '\t')" >>"$DATA/sizes.tsv"
        done
    done
    # The timed crates themselves, whole: the tokens the compiler reads for each shape, shown
    # beside its times.
    printf 'shape\tvariant\tlines\tbytes\ttokens\n' >"$DATA/shape_tokens.tsv"
    for shape in "${SHAPES[@]}"; do
        for variant in "${VARIANTS[@]}"; do
            log "expanding the timed crate: $variant $shape"
            file=$OUT/expanded/crate-$variant-$shape.rs
            expand "$(dir_of "$variant" "$shape")" "$OUT/target-expand-$variant" \
                "$(crate_of "$variant" "$shape" | tr _ -)" "$file"
            printf '%s\t%s\t%s\n' "$shape" "$variant" \
                "$(python3 "$HERE/gen.py" size "$file" none | cut -d' ' -f1-3 | tr ' ' '\t')" >>"$DATA/shape_tokens.tsv"
        done
    done
else
    echo "nightly	not installed: no expanded-code measurement" >>"$DATA/meta.tsv"
fi

echo "elapsed	$(($(date +%s) - START)) s" >>"$DATA/meta.tsv"

# ---------------------------------------------------------------- report
python3 "$HERE/summarize.py" "$DATA" "$RESULTS"
log "written: $RESULTS (raw data: $DATA)"
