"""Golden-file snapshots for report tests: `assert_snapshot(name, text)`; `--update-golden` rewrites."""
from __future__ import annotations

from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden files in tests/snapshots/ from the current output.")


@pytest.fixture
def assert_snapshot(request):
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {path} was missing and has been written; review it and rerun")
            return
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path} (--update-golden to accept)"
    return check
