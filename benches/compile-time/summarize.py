#!/usr/bin/env python3
"""Summarizes run.sh's measurements: prints the tables, writes benches/results/compile-time.md.

    summarize.py DATA_DIR RESULTS_MD

DATA_DIR holds meta.tsv (key<TAB>value), times.tsv and noop.tsv (shape, variant, run, wall_s,
cpu_s) and sizes.tsv (derive, fields, lines, bytes, tokens, state_module_tokens). Every number
written comes from these files.
"""
import csv
import math
import os
import statistics
import sys

VARIANTS = ("tollgate", "bon", "none")
SHAPES = ("100x10", "10x50", "nested")
SHAPE_NAMES = {
    "100x10": "100 structs x 10 fields",
    "10x50": "10 structs x 50 fields",
    "nested": "20 nested chains, built through the builders",
}


def rows(path):
    try:
        with open(path) as f:
            return list(csv.DictReader(f, delimiter="\t"))
    except FileNotFoundError:
        return []


def meta(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            out[key] = value
    return out


def pct(ratio):
    return f"{(ratio - 1) * 100:+.0f}%"


def cpu_note(ratio):
    if math.isnan(ratio):
        return "."
    verdict = "met" if ratio <= 1 else f"missed by {(ratio - 1) * 100:.0f}%"
    return f"; by CPU time (user+sys, medians) tollgate/bon = {ratio:.2f}: {verdict}."


def timing(times, noop, tokens):
    """Per shape: per variant the wall/cpu lists; and the report lines."""
    tokens_by = {(r["shape"], r["variant"]): int(r["tokens"]) for r in tokens}
    by = {}
    for r in times:
        by.setdefault((r["shape"], r["variant"]), []).append(r)
    noop_by = {(r["shape"], r["variant"]): float(r["wall_s"]) for r in noop}
    lines = []
    verdicts = []
    for shape in SHAPES:
        if not any((shape, v) in by for v in VARIANTS):
            continue
        wall = {v: [float(r["wall_s"]) for r in by[(shape, v)]] for v in VARIANTS}
        cpu = {v: [float(r["cpu_s"]) for r in by[(shape, v)]] for v in VARIANTS}
        runs = {v: {r["run"]: float(r["wall_s"]) for r in by[(shape, v)]} for v in VARIANTS}
        med = {v: statistics.median(wall[v]) for v in VARIANTS}
        lines.append(f"### {SHAPE_NAMES[shape]} ({len(wall['tollgate'])} runs each)")
        lines.append("")
        lines.append("| variant | median wall | min | max | median CPU (user+sys) | over no derive (median) "
                     "| no-op build | expanded tokens |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for v in VARIANTS:
            cpus = [c for c in cpu[v] if not math.isnan(c)]
            cpu_text = f"{statistics.median(cpus):.2f} s" if cpus else "n/a"
            over = med[v] - med["none"]
            lines.append(
                f"| {v} | {med[v]:.2f} s | {min(wall[v]):.2f} s | {max(wall[v]):.2f} s | {cpu_text} "
                f"| {over:+.2f} s | {noop_by.get((shape, v), float('nan')):.2f} s "
                f"| {tokens_by.get((shape, v), 'n/a')} |")
        lines.append("")
        lines.append("Every run, wall seconds in run order: " + "; ".join(
            f"{v} " + " ".join(f"{runs[v][k]:.2f}" for k in sorted(runs[v], key=int)) for v in VARIANTS) + ".")
        lines.append("")
        paired = [runs["tollgate"][k] / runs["bon"][k] for k in runs["tollgate"] if k in runs["bon"]]
        t_b, t_n, b_n = med["tollgate"] / med["bon"], med["tollgate"] / med["none"], med["bon"] / med["none"]
        added_t, added_b = med["tollgate"] - med["none"], med["bon"] - med["none"]
        lines.append("| ratio (of medians) | value |")
        lines.append("|---|---:|")
        lines.append(f"| tollgate / bon | **{t_b:.2f}** ({pct(t_b)}) |")
        lines.append(f"| tollgate / no derive | {t_n:.1f} |")
        lines.append(f"| bon / no derive | {b_n:.1f} |")
        lines.append(f"| tollgate / bon, run by run (median of {len(paired)} paired runs; range) "
                     f"| {statistics.median(paired):.2f} ({min(paired):.2f}-{max(paired):.2f}) |")
        cpu_med = {v: statistics.median([c for c in cpu[v] if not math.isnan(c)] or [math.nan]) for v in VARIANTS}
        cpu_ratio = cpu_med["tollgate"] / cpu_med["bon"]
        if not math.isnan(cpu_ratio):
            lines.append(f"| tollgate / bon, CPU time (user+sys, medians) | {cpu_ratio:.2f} ({pct(cpu_ratio)}) |")
        if added_b > 0:
            lines.append(f"| time added by the derive: tollgate / bon (medians minus no derive) "
                         f"| {added_t / added_b:.2f} |")
        if (shape, "tollgate") in tokens_by and (shape, "bon") in tokens_by:
            t_tok, b_tok, n_tok = (tokens_by.get((shape, v), 0) for v in VARIANTS)
            lines.append(f"| expanded tokens: tollgate / bon (whole crate; added over no derive) "
                         f"| {t_tok / b_tok:.2f} ({(t_tok - n_tok) / max(1, b_tok - n_tok):.2f}) |")
        lines.append("")
        if med["tollgate"] <= med["bon"]:
            verdicts.append(f"- {SHAPE_NAMES[shape]}: **met** — tollgate {med['tollgate']:.2f} s vs bon "
                            f"{med['bon']:.2f} s (median wall), {(1 - t_b) * 100:.0f}% faster"
                            + cpu_note(cpu_ratio))
        else:
            verdicts.append(f"- {SHAPE_NAMES[shape]}: **missed** — tollgate {med['tollgate']:.2f} s vs bon "
                            f"{med['bon']:.2f} s (median wall): {med['tollgate'] - med['bon']:.2f} s, "
                            f"{(t_b - 1) * 100:.0f}% slower than bon" + cpu_note(cpu_ratio))
    return lines, verdicts


def quadratic_fit(points):
    """Least squares y = a + b n + c n^2; None below 3 points."""
    if len(points) < 3:
        return None
    s = [sum(n ** k for n, _ in points) for k in range(5)]
    t = [sum(y * n ** k for n, y in points) for k in range(3)]
    m = [[s[0], s[1], s[2], t[0]], [s[1], s[2], s[3], t[1]], [s[2], s[3], s[4], t[2]]]
    for i in range(3):  # Gauss-Jordan
        p = max(range(i, 3), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(3):
            if r != i:
                f = m[r][i] / m[i][i]
                m[r] = [x - f * y for x, y in zip(m[r], m[i])]
    return [m[i][3] / m[i][i] for i in range(3)]


def sizes(size_rows):
    if not size_rows:
        return ["No expanded-code measurement (no nightly toolchain)."], []
    val = {(r["derive"], int(r["fields"])): r for r in size_rows}
    ns = sorted({int(r["fields"]) for r in size_rows})
    lines = [
        "| derive | fields | tokens added | per field | growth exponent from previous size | "
        "of which the state module | lines added | bytes added |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    growth = []
    for derive in ("tollgate", "bon"):
        prev = None
        points = []
        for n in ns:
            full, base = val.get((derive, n)), val.get((derive + "-base", n))
            if not full or not base:
                continue
            added = {k: int(full[k]) - int(base[k]) for k in ("lines", "bytes", "tokens")}
            state = int(full["state_module_tokens"])
            exp = "" if prev is None else f"{math.log(added['tokens'] / prev[1]) / math.log(n / prev[0]):.2f}"
            lines.append(f"| {derive} | {n} | {added['tokens']} | {added['tokens'] / n:.0f} | {exp} "
                         f"| {state} ({state / added['tokens'] * 100:.0f}%) | {added['lines']} | {added['bytes']} |")
            prev = (n, added["tokens"])
            points.append((n, added["tokens"]))
        fit = quadratic_fit(points)
        if fit:
            a, b, c = fit
            big = points[-1][0]
            growth.append(f"- {derive}: tokens added ≈ {a:.0f} + {b:.1f}·n + {c:.2f}·n² "
                          f"(least squares over n = {', '.join(str(n) for n, _ in points)}); at n = {big} the "
                          f"n² term is {c * big * big / (a + b * big + c * big * big) * 100:.0f}% of the total.")
    return lines, growth


def main(data, results):
    m = meta(f"{data}/meta.tsv")
    tokens = rows(f"{data}/shape_tokens.tsv") if os.path.exists(f"{data}/shape_tokens.tsv") else []
    time_lines, verdicts = timing(rows(f"{data}/times.tsv"), rows(f"{data}/noop.tsv"), tokens)
    size_lines, growth = sizes(rows(f"{data}/sizes.tsv"))

    print("\n".join(time_lines))
    print("Target (tollgate no slower than bon):")
    print("\n".join(verdicts))
    print()
    print("\n".join(size_lines))
    print("\n".join(growth))

    md = [
        "# Compile time: tollgate's derive against bon's and no derive",
        "",
        "Written by `benches/compile-time/run.sh`; every number below is from the run described here.",
        "",
        f"- date: {m.get('date')}",
        f"- command (from the repository root): `{m.get('command')}`",
        f"- machine: {m.get('nproc')} CPUs (`nproc`), {m.get('cpu')}, {m.get('memory')}, {m.get('kernel')}; "
        f"shared with other work (load average {m.get('load_start')} at the start, {m.get('load_end')} at the end "
        "of the timed part)",
        f"- toolchain: {m.get('rustc')}; {m.get('cargo')}",
        f"- tollgate: commit {m.get('commit')}, working tree ({m.get('tree')}); bon {m.get('bon')}",
        f"- timer: {m.get('timer')}",
        f"- expansion: {m.get('nightly')}",
        f"- total run time of the script: {m.get('elapsed')}",
        "",
        "## What is timed",
        "",
        "`gen.py` writes nine crates under `target/compile-bench/` (not committed), each its own "
        "`[workspace]`: three shapes, **100 structs x 10 fields**, **10 structs x 50 fields** and "
        "**nested** (below), in three variants that declare the same structs with the same field types:",
        "",
        "- **tollgate**: `#[derive(tollgate::Payload)]` and "
        "`#[payload(required(req_0, ..., nested.req_0), one_of(pick_0, pick_1, pick_2))]`, plus "
        "`length(max = 64)` and `length(max = 256)` on two fields; `tollgate = { path = \"<repo>/runtime\", "
        "default-features = false }`;",
        "- **bon**: `#[derive(bon::Builder)]` (`bon = \"3\"`); the required fields are non-`Option`, so bon "
        "requires them too; the one-of members are plain `Option`s (bon has no one-of);",
        "- **none**: the same structs, no derive, no dependency.",
        "",
        "Each struct: 30% required `String` fields, one one-of group of 3 `Option<String>`, one nested "
        "field `nested: Option<S(i-1)>` (chains of 4 structs ending in a 2-field `Leaf`; a chain of 100 "
        "overflows rustc's query depth limit computing layouts, for tollgate and bon alike), the rest "
        "`Option<String>`/`Option<u32>`/`Option<bool>`. These two shapes only declare the structs: no "
        "builder is called, so they are the cost of the derive's output, not of type-checking builder "
        "chains at call sites.",
        "",
        "The **nested** shape is 20 chains of the six structs of Wix eCommerce's Create Checkout shape "
        "(`Root { id, items: Vec<Item>, info }`, `Item { id, quantity, groups: Vec<Group> }`, "
        "`Group { id, modifiers: Vec<Modifier> }`, `Modifier { label, quantity }`, `Info { note }`, "
        "`Note { text, author }`); tollgate's `Root` has `required(id, items.id, "
        "items.groups.modifiers.label, info.note.text)`. Each chain also has a function that builds "
        "one `Root` with 4 items, each with one group of 2 modifiers, and the `info.note` chain: "
        "tollgate through its builders and `push_` setters (every path checked by the compiler), bon "
        "through its builders with `vec![...]` of built children (bon has no push), no-derive as "
        "struct literals. It measures what the path checks cost where builders are used.",
        "",
        "Each variant has one `CARGO_TARGET_DIR` shared by its shapes, where the dependencies "
        "(tollgate + tollgate-macros + serde/syn; bon + bon-macros + darling/syn) are built once, "
        "untimed, together with a first build of each crate. **A timed run** is the wall time of "
        "`cargo +<pinned> build --quiet --offline` (dev profile, cargo's defaults: incremental on, "
        "as many jobs as CPUs) in the generated crate's directory, right after an untimed "
        "`cargo clean -p <crate>` that deletes the crate's own artifacts and incremental cache "
        "and nothing else: a clean debug build of the generated crate alone (macro expansion — "
        "running the debug-built proc macros — type checking, codegen of the rlib) plus cargo's "
        "start-up and fresh-dependency check, shown alone as \"no-op build\" (one `cargo build` "
        "with nothing to do). Runs alternate variant by variant: for each shape, run 1 of tollgate, "
        "bon, none, then run 2 of each, and so on. CPU is user+sys of the whole `cargo build` process tree. "
        "\"Expanded tokens\" counts the whole timed crate after macro expansion (nightly "
        "`-Zunpretty=expanded`, counted as below): what the compiler reads after the derives ran.",
        "",
        "## Results",
        "",
        *time_lines,
        "## Target: tollgate (which also generates validation) no slower than bon",
        "",
        *verdicts,
        "",
        "## Expanded code size",
        "",
        "One struct of *n* fields (same field mix; its nested field a `Leaf`), expanded with "
        "`cargo +nightly rustc --profile=check --lib -- -Zunpretty=expanded` (no `cargo expand` here). "
        "\"Added\" is the expansion with the derive on the n-field struct minus the expansion without it "
        "(the `Leaf`'s own derive cancels out). Tokens are counted by `gen.py size` the way rustc's "
        "lexer splits them (`::`, `->` one token, a string literal or doc comment one token); "
        "\"state module\" is the `mod wide_builder { ... }` (tollgate: the marker types that name fields, "
        "groups and paths in errors; bon: its state module). "
        "The growth exponent is log(tokens ratio) / log(fields ratio) between consecutive sizes: 1 "
        "is linear, 2 quadratic.",
        "",
        *size_lines,
        "",
        *growth,
        "",
        "Raw data: `target/compile-bench/data/` (times.tsv, noop.tsv, sizes.tsv, meta.tsv) and the "
        "expansions in `target/compile-bench/expanded/`, after a run.",
        "",
    ]
    with open(results, "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
