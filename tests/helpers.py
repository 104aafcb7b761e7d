"""Shared test helpers: run the real pipeline (libcst extraction, rules, explorer) on a folder."""
from __future__ import annotations

import tempfile
from pathlib import Path
from textwrap import dedent

from interlock.checker import Bounds, check, components_for
from interlock.extractor import extract
from interlock.models.result import VerifyResult
from interlock.models.spec import load_specs


def run_pipeline(root: Path, spec: Path | None = None, components: list[str] = (),
                 bounds: Bounds = Bounds(), select: list[str] = ()) -> VerifyResult:
    specs = load_specs(spec) if spec is not None else []
    model = extract(root, use_cache=False)
    return check(model, components_for(specs, components), root, bounds=bounds, select=list(select))


def finding_keys(result: VerifyResult) -> set[tuple]:
    """(code, class, function, symbols) of every finding: what corpus tests compare."""
    return {(f.code, f.location.class_, f.location.function, tuple(sorted(f.symbols))) for f in result.findings}


def codes_of(src: str, spec: str | None = None, select: list[str] = ()) -> set[str]:
    """Codes reported on one snippet (micro cases): `assert codes_of(src) == {"IL302"}`."""
    return {f.code for f in findings_of(src, spec, select)}


def findings_of(src: str, spec: str | None = None, select: list[str] = ()) -> list:
    """The findings on one snippet, for micro cases that look at messages and traces."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "mod.py").write_text(dedent(src))
        spec_path = None
        if spec is not None:
            spec_path = root / "spec.toml"
            spec_path.write_text(dedent(spec))
        return list(run_pipeline(root, spec_path, select=select).findings)
