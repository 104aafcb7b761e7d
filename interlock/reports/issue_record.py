"""The publish record and finding status: which GitHub issue tracks each fingerprint, so the
audit can say "Existing: #N" or "Regression of #N" offline.

`interlock publish --yes` writes the record (`docs/audits/issues.json` in the root, one entry per
line); `verify` and `audit` read it, and the baseline, when they exist. Only rendering and parsing
here: `cli.py` reads and writes the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Literal

from pydantic import ConfigDict, ValidationError

from interlock.models.base import Model
from interlock.models.result import VerifyResult
from interlock.reports.baseline import Baseline

RECORD_PATH = "docs/audits/issues.json"
RECORD_VERSION = 1


class RecordError(Exception):
    """The record file is unreadable or not a record: one line naming the file."""


class IssueEntry(Model):
    model_config = ConfigDict(frozen=True)

    number: int
    state: Literal["open", "closed"]
    title: str = ""


def record_from(existing: Iterable, created: dict[str, int | None], titles: dict[str, str]) -> dict[str, IssueEntry]:
    """fingerprint -> the newest issue carrying its marker (`existing`), plus the issues just created."""
    out: dict[str, IssueEntry] = {}
    for issue in sorted(existing, key=lambda i: i.number):
        if issue.fingerprint:
            out[issue.fingerprint] = IssueEntry(number=issue.number, state=issue.state, title=issue.title)
    for fp, number in created.items():
        if number is not None and (fp not in out or out[fp].number < number):
            out[fp] = IssueEntry(number=number, state="open", title=titles.get(fp, ""))
    return out


def render_record(record: dict[str, IssueEntry]) -> str:
    rows = [f"    {json.dumps(fp)}: {json.dumps(e.model_dump(mode='json'), ensure_ascii=False)}"
            for fp, e in sorted(record.items())]
    issues = "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"
    return f'{{\n  "version": {RECORD_VERSION},\n  "issues": {issues}\n}}\n'


def load_record(path: Path | str) -> dict[str, IssueEntry]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read the publish record ({exc})") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION or not isinstance(data.get("issues"), dict):
        raise RecordError(f"{path}: not an interlock publish record (expected version {RECORD_VERSION} and `issues`)")
    try:
        return {fp: IssueEntry.model_validate(e) for fp, e in data["issues"].items()}
    except ValidationError as exc:
        err = exc.errors()[0]
        raise RecordError(f"{path}: invalid entry at `{'.'.join(map(str, err['loc']))}`: {err['msg']}") from None


def with_status(result: VerifyResult, baseline: Baseline | None = None,
                record: dict[str, IssueEntry] | None = None) -> VerifyResult:
    """Set each finding's `status` (and `issue`): an open issue -> existing, a closed one -> regression
    (the counterexample is back), else in the baseline -> baseline, else new."""
    accepted = {e.fingerprint for e in baseline.findings} if baseline else set()
    record = record or {}
    marked = []
    for f in result.findings:
        entry = record.get(f.fingerprint)
        if entry is not None:
            update = {"status": "existing" if entry.state == "open" else "regression", "issue": entry.number}
        else:
            update = {"status": "baseline" if f.fingerprint in accepted else "new", "issue": None}
        marked.append(f.model_copy(update=update))
    return result.model_copy(update={"findings": tuple(marked)})


def status_label(status: str, issue: int | None) -> str:
    """NEW | Existing: #N | Regression of #N | Existing (baseline)."""
    if status == "existing":
        return f"Existing: #{issue}" if issue else "Existing"
    if status == "regression":
        return f"Regression of #{issue}" if issue else "Regression"
    if status == "baseline":
        return "Existing (baseline)"
    return "NEW"
