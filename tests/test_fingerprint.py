"""Fingerprints: stable under edits that do not change the finding, different when the finding changes.

Unit tests build the findings a rule would report before and after an edit; the pipeline tests run
the real extractor and rules on a racy class before and after editing its source.
"""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interlock.models.finding import Finding, FindingLocation, fingerprint


def finding(line: int = 14, *, code: str = "IL102", path: str = "pkg/player.py", cls: str = "Player",
            function: str = "_run", symbols=("Player.position", "Player._lock"), message: str = "m") -> Finding:
    return Finding(code=code, rule="inconsistent-lock", severity="high", dimension="Player Thread Safety",
                   title="t", message=message, symbols=list(symbols),
                   location=FindingLocation(path=path, line=line, end_line=line + 1, **{"class": cls},
                                            function=function))


def test_fingerprint_is_sha256_prefix_of_code_path_class_function_sorted_symbols():
    import hashlib

    key = "IL102|pkg/player.py|Player|_run|Player._lock,Player.position"
    assert finding().fingerprint == hashlib.sha256(key.encode()).hexdigest()[:16]
    assert fingerprint("IL102", "pkg/player.py", "Player", "_run", ["Player.position", "Player._lock"]) == finding().fingerprint


def test_fingerprint_ignores_lines_moved_and_message_text():
    assert finding(14).fingerprint == finding(140).fingerprint
    assert finding(message="reworded").fingerprint == finding().fingerprint


def test_fingerprint_ignores_symbol_order():
    assert finding(symbols=("Player._lock", "Player.position")).fingerprint == finding().fingerprint


@pytest.mark.parametrize("change", [
    {"symbols": ("Player.volume", "Player._lock")},        # another attribute
    {"symbols": ("Player.position", "Player._mutex")},     # another lock
    {"function": "_loop"},                                 # another function
    {"cls": "Engine"},                                     # another class
    {"code": "IL101"},                                     # another rule
    {"path": "pkg/engine.py"},                             # another file
])
def test_fingerprint_changes_when_the_finding_changes(change):
    assert finding(**change).fingerprint != finding().fingerprint


def test_fingerprint_has_no_salt_and_no_field_bleeding():
    # "a|b" + "c" must not equal "a" + "b|c": the separator keeps fields apart
    one = fingerprint("IL101", "p.py", "A", "f", ["x"])
    two = fingerprint("IL101", "p.py", "", "A|f", ["x"])
    assert one != two and one == fingerprint("IL101", "p.py", "A", "f", ["x"])


# ----------------------------------------------------------------------------- real pipeline

RACY = '''\
"""A player whose playback thread writes `position` without the lock that `seek` takes."""
import threading


class Helper:
    def describe(self):
        return "helper"


class Player:
    def __init__(self):
        self._lock = threading.Lock()
        self.position = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        for _ in range(10):
            self.position = self.position + 1

    def seek(self, pos):
        with self._lock:
            self.position = pos
'''

MOVED = RACY.replace('import threading\n', 'import threading\n\n\n# a comment\nLIMIT = 10\n\n\n')
REFORMATTED = RACY.replace("self.position = self.position + 1", "self.position = (\n                self.position\n                + 1\n            )").replace(
    "target=self._run, daemon=True", "\n            target=self._run,\n            daemon=True,\n        ")
UNRELATED = RACY.replace('        return "helper"', '        text = "helper"\n        return text.upper()') + (
    "\n\ndef util(values):\n    return sorted(values)\n")
OTHER_CLASS_RENAMED = RACY.replace("class Helper:", "class Assistant:")
OTHER_ATTRIBUTE = RACY.replace("position", "offset")
OTHER_FUNCTION = RACY.replace("_run", "_loop")


def player_fingerprints(tmp_path: Path, source: str) -> set[str]:
    from helpers import run_pipeline

    root = tmp_path / "src"
    root.mkdir(exist_ok=True)
    (root / "player.py").write_text(dedent(source))
    result = run_pipeline(root)
    return {f.fingerprint for f in result.findings if f.location.class_ == "Player"}


@pytest.fixture
def before(tmp_path):
    (tmp_path / "before").mkdir()
    prints = player_fingerprints(tmp_path / "before", RACY)
    assert prints, "the racy player must be reported (IL101/IL102 on Player.position)"
    return prints


@pytest.mark.parametrize("edited", [MOVED, REFORMATTED, UNRELATED, OTHER_CLASS_RENAMED],
                         ids=["lines-moved", "reformatted", "unrelated-code-edited", "other-class-renamed"])
def test_pipeline_fingerprints_survive_edits_that_keep_the_finding(tmp_path, before, edited):
    (tmp_path / "after").mkdir()
    assert player_fingerprints(tmp_path / "after", edited) == before


def test_pipeline_fingerprints_change_with_the_attribute(tmp_path, before):
    (tmp_path / "after").mkdir()
    after = player_fingerprints(tmp_path / "after", OTHER_ATTRIBUTE)
    assert after and not (after & before)      # every Player finding is about `position`


def test_pipeline_fingerprints_change_with_the_function(tmp_path, before):
    (tmp_path / "after").mkdir()
    after = player_fingerprints(tmp_path / "after", OTHER_FUNCTION)
    assert after and after != before


def test_pipeline_fingerprint_changes_with_the_lock(tmp_path):
    from helpers import run_pipeline

    corpus = Path(__file__).parent / "corpus" / "il102_position_getter" / "buggy"
    prints = []
    for name, lock in (("before", "_lock"), ("after", "_mutex")):
        root = tmp_path / name
        root.mkdir()
        for src in corpus.glob("*.py"):
            (root / src.name).write_text(src.read_text().replace("_lock", lock))
        found = [f for f in run_pipeline(root).findings if f.code == "IL102"]
        assert [sorted(f.symbols) for f in found] == [sorted(["PlaybackController.position", f"PlaybackController.{lock}"])]
        prints.append(found[0].fingerprint)
    assert prints[0] != prints[1]


LAMBDA = '''\
import threading


class Box:
    def __init__(self):
        self._lock = threading.Lock()
        self.items = []

    def start(self):
        threading.Thread(target=lambda: self.items.append(1)).start()

    def add(self, x):
        with self._lock:
            self.items.append(x)
'''


def test_a_finding_inside_a_lambda_keeps_its_fingerprint_when_lines_move(tmp_path):
    # a lambda's name carries its line (`<lambda:10>`); the fingerprint must not
    from helpers import run_pipeline

    prints = []
    for i, source in enumerate([LAMBDA, "# header\n\n\n" + LAMBDA.replace("    def start", "    def other(self):\n        return 1\n\n    def start")]):
        root = tmp_path / f"v{i}"
        root.mkdir()
        (root / "box.py").write_text(source)
        found = [f for f in run_pipeline(root).findings if f.location.function and "lambda" in f.location.function]
        assert found, "the lambda's unguarded append must be reported"
        prints.append({f.fingerprint for f in found})
    assert prints[0] == prints[1]
