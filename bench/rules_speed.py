"""Time of the static rules on a tree as a ratio to extracting the same tree, measured in one run.

    python bench/rules_speed.py --root /path/to/tree [--repeat 3] [--rules IL101,IL102]

Extracts the tree (no cache, one process, so the baseline is the single-core cost the rules
are compared with), then runs all registered rules (or the listed ones) over the whole root
`--repeat` times on a fresh RuleContext each time (the shared concurrency index is rebuilt
every run and counted). Prints per-rule medians and the ratio rules/extraction (medians).
Goal: <= 0.3 on a ~90k-line tree. The default set is the static rules (issue 3: every rule but
the explorer's IL5xx, whose model checking is measured by bench/explorer.py); `--rules all`
includes IL5xx.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def count_lines(root: Path) -> int:
    total = 0
    for p in root.rglob("*.py"):
        if not any(part.startswith(".") or part in ("node_modules", "__pycache__") for part in p.parts):
            try:
                total += p.read_bytes().count(b"\n")
            except OSError:
                pass
    return total


def time_extract(root: Path, repeat: int):
    from interlock.extractor import extract

    times, model = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        model = extract(root, use_cache=False, jobs=1)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), model


def time_rules(model, root: Path, rules, repeat: int):
    from interlock.checker import Component, RuleContext, contexts_for

    comp = Component("all", None, ())
    per_rule: dict[str, list[float]] = {m.RULE.code: [] for m in rules}
    totals, findings = [], 0
    for _ in range(repeat):
        ctx = RuleContext(model=model, component=comp, contexts=contexts_for(model, comp), root=root)
        t_all = time.perf_counter()
        findings = 0
        for m in rules:
            t0 = time.perf_counter()
            findings += sum(1 for _ in m.check(model, ctx))
            per_rule[m.RULE.code].append(time.perf_counter() - t0)
        totals.append(time.perf_counter() - t_all)
    return statistics.median(totals), {k: statistics.median(v) for k, v in per_rule.items()}, findings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rules", default="", help="comma-separated codes, or 'all' (default: the static rules, not IL5xx)")
    args = ap.parse_args(argv)
    from interlock.checker.rules import all_rules

    wanted = {c.strip() for c in args.rules.split(",") if c.strip()}
    if wanted == {"all"}:
        rules = list(all_rules())
    elif wanted:
        rules = [m for m in all_rules() if m.RULE.code in wanted]
    else:
        rules = [m for m in all_rules() if not m.RULE.code.startswith("IL5")]
    root = args.root.resolve()
    extract_s, model = time_extract(root, args.repeat)
    rules_s, per_rule, findings = time_rules(model, root, rules, args.repeat)
    print(f"tree: {root}  lines: {count_lines(root)}  modules: {len(model.modules)}  "
          f"functions: {len(model.functions)}  contexts: {len(model.contexts)}")
    print(f"extract (median of {args.repeat}, 1 process, no cache): {extract_s:.3f}s")
    print(f"rules   (median of {args.repeat}, {len(rules)} rules, {findings} findings): {rules_s:.3f}s")
    for code, s in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {code}: {s:.4f}s")
    ratio = rules_s / extract_s if extract_s else float("inf")
    print(f"ratio rules/extract: {ratio:.3f}  (goal <= 0.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
