"""specs/auralis/ names real code: run with AURALIS_ROOT=/path/to/Auralis checkout (skipped otherwise)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from interlock.models.spec import load_specs

SPECS = Path(__file__).resolve().parents[1] / "specs" / "auralis"
ROOT = os.environ.get("AURALIS_ROOT")


def test_auralis_specs_load():
    names = {s.name for s in load_specs(SPECS)}
    assert names == {"player", "processing", "stream", "library"}


@pytest.mark.skipif(not ROOT, reason="AURALIS_ROOT not set")
def test_every_class_and_method_named_exists_in_the_checkout():
    from interlock.extractor import extract

    root = Path(ROOT)
    specs = load_specs(SPECS)
    for spec in specs:
        for p in spec.component.paths:
            assert (root / p).exists(), f"{spec.source}: component.paths: {p} missing"
    model = extract(root)
    missing = []
    for spec in specs:
        for ctx in spec.context:
            missing += [f"{spec.name}: {c}" for c in ctx.calls if model.find_function(c, within=tuple(spec.component.paths)) is None]
        for inv in spec.invariant:
            if model.find_class(inv.class_, within=tuple(spec.component.paths)) is None:
                missing.append(f"{spec.name}: class {inv.class_}")
        for sm in spec.state_machine:
            cls = model.find_class(sm.class_, within=tuple(spec.component.paths))
            if cls is None or sm.field not in cls.attributes:
                missing.append(f"{spec.name}: {sm.class_}.{sm.field}")
    assert missing == []
