"""Report rendering speed: each format for N copies of the test fixture's findings.

Prints the median of 3 runs per format and its ratio to a baseline measured in the same run:
plain `json.dumps` of the same result (the least any report can cost).
Usage: python bench/reports_speed.py [N_COPIES]
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from interlock.reports import render  # noqa: E402
from reports_fixture import build  # noqa: E402


def _median(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(copies: int) -> None:
    result, model = build(Path(tempfile.mkdtemp()))
    many = [f.model_copy(update={"id": f"{f.id}-{i}", "fingerprint": f"{f.fingerprint[:12]}{i:04d}"})
            for i in range(copies) for f in result.findings]
    big = result.model_copy(update={"findings": tuple(many)})
    base = _median(lambda: json.dumps(big.to_json()))
    print(f"{len(many)} findings; baseline json.dumps: {base * 1000:.1f} ms")
    for fmt in ("text", "json", "sarif", "md", "html"):
        t = _median(lambda: render(big, fmt, model=model, date="2026-01-01"))
        print(f"  {fmt:<6} {t * 1000:8.1f} ms  {t / base:6.1f}x baseline")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
