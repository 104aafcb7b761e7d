"""Reports: render a VerifyResult as text, JSON, SARIF, the Markdown audit or HTML.

Reports only render (no files written, no libcst); `cli.py` writes the output.
"""
from __future__ import annotations

from types import ModuleType
from typing import Sequence

from interlock.models.program import ProgramModel
from interlock.models.result import VerifyResult

FORMATS = ("text", "json", "sarif", "md", "html")


def render(result: VerifyResult, fmt: str, *, model: ProgramModel | None = None, color: bool = False,
           verbose: bool = False, quiet: bool = False, date: str | None = None,
           rules: Sequence[ModuleType] = ()) -> str | bytes:
    """Render `result` in `fmt`; `rules` are the rule modules (their docstrings feed help text).

    `date` (YYYY-MM-DD) is injected by the caller; the Markdown and HTML reports fall back to today.
    """
    from interlock.reports.frames import forget_sources

    forget_sources()     # code frames show the files as they are now, not as a previous render saw them
    if fmt in ("md", "html") and date is None:
        import datetime
        date = datetime.date.today().isoformat()
    if fmt == "text":
        from interlock.reports.text import render_text
        return render_text(result, color=color, verbose=verbose, quiet=quiet)
    if fmt == "json":
        from interlock.reports.json_report import render_json
        return render_json(result)
    if fmt == "sarif":
        from interlock.reports.sarif import render_sarif
        return render_sarif(result, rules=rules)
    if fmt == "md":
        from interlock.reports.markdown import render_markdown
        return render_markdown(result, date=date, rules=rules)
    if fmt == "html":
        from interlock.reports.html import render_html
        return render_html(result, model=model, date=date)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
