"""Publishing, the pure half: match findings to existing GitHub issues and plan what to do.

`plan(findings, existing, date)` does no I/O, so the dry run prints exactly what `--yes` would do.
Identity is the hidden fingerprint marker in an issue body; titles only match issues a human
filed (no marker), by the finding's symbols plus its title keywords or code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

from interlock.models.finding import Finding
from interlock.reports.github_body import issue_body, issue_title, marker

MARKER_RE = re.compile(r"<!-- interlock:fingerprint=v1:([0-9a-f]+)(?:;[^>]*?regression-of=#(\d+))?")
COMMENT_RE = re.compile(r"<!-- interlock:comment=([0-9a-z:#-]+) -->")
STOPWORDS = frozenset("with without from into that this than then when where which while their there "
                      "another other shared state".split())
NEW_ISSUE = "{new}"            # placeholder for the number of the issue an action creates
MAX_RELATED = 5


@dataclass(frozen=True)
class ExistingIssue:
    number: int
    title: str
    body: str
    state: Literal["open", "closed"]

    @property
    def fingerprint(self) -> str | None:
        m = MARKER_RE.search(self.body or "")
        return m.group(1) if m else None

    @property
    def related_listed(self) -> tuple[int, ...]:
        """The `- #N` lines of the body's Related Issues section (what its comments should point back from)."""
        section = (self.body or "").partition("## Related Issues")[2].partition("\n## ")[0]
        return tuple(int(n) for n in re.findall(r"^- #(\d+)\s*$", section, re.M))

    @property
    def regression_of(self) -> int | None:
        m = MARKER_RE.search(self.body or "")
        return int(m.group(2)) if m and m.group(2) else None


@dataclass(frozen=True)
class CommentPlan:
    """A comment on issue `on`; `key` (hidden in the text) makes posting it idempotent."""

    on: int
    key: str
    text: str


@dataclass(frozen=True)
class IssueAction:
    finding: Finding
    action: Literal["create", "skip", "regression"]
    issue: int | None = None               # skip: the open match; regression: the closed one
    matched_by: str = ""                   # "fingerprint" | "keywords" | ""
    title: str = ""
    body: str = ""
    labels: tuple[str, ...] = ()
    related: tuple[int, ...] = ()
    comments: tuple[CommentPlan, ...] = field(default=())

    @property
    def creates(self) -> bool:
        return self.action in ("create", "regression")


def labels_for(finding: Finding) -> tuple[str, ...]:
    return (finding.severity, "concurrency", "bug")


def plan(findings: Iterable[Finding], existing: Iterable[ExistingIssue], date: str) -> list[IssueAction]:
    """One action per distinct fingerprint, in report order (path, line, code, fingerprint)."""
    issues = sorted(existing, key=lambda i: i.number)
    seen: set[str] = set()
    actions = []
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.fingerprint in seen:
            continue
        seen.add(finding.fingerprint)
        actions.append(_action(finding, issues, date))
    return actions


def _action(finding: Finding, issues: list[ExistingIssue], date: str) -> IssueAction:
    match, how = find_match(finding, issues)
    related = related_issues(finding, issues, exclude={match.number} if match else set())
    if match is not None and match.state == "open":
        return IssueAction(finding, "skip", match.number, how, related=related,
                           comments=_ensure_comments(finding, match, how))
    regression_of = match.number if match is not None else None
    body = issue_body(finding, related=related, regression_of=regression_of)
    comments = tuple(_related_comment(finding, n) for n in related)
    if regression_of is not None:
        comments = (_regression_comment(finding, regression_of),) + comments
    return IssueAction(finding, "regression" if match else "create", regression_of, how,
                       title=issue_title(finding, date, regression_of), body=body,
                       labels=labels_for(finding), related=related, comments=comments)


def find_match(finding: Finding, issues: list[ExistingIssue]) -> tuple[ExistingIssue | None, str]:
    """Open before closed, newest first: by marker, then (unmarked issues only) by keywords."""
    marked = [i for i in issues if i.fingerprint == finding.fingerprint]
    by_words = [i for i in issues if i.fingerprint is None and is_keyword_match(finding, i)]
    for candidates, how in ((marked, "fingerprint"), (by_words, "keywords")):
        for state in ("open", "closed"):
            hits = [i for i in candidates if i.state == state]
            if hits:
                return hits[-1], how
    return None, ""


def is_keyword_match(finding: Finding, issue: ExistingIssue) -> bool:
    """A hand-filed issue names every symbol of the finding and its code or most title keywords."""
    if not finding.symbols:
        return False
    text = f"{issue.title}\n{issue.body}".lower()
    if not all(_mentions(text, s) for s in finding.symbols):
        return False
    title = issue.title.lower()
    if finding.code.lower() in title or finding.rule.lower() in title:
        return True
    words = keywords(finding.title)
    return bool(words) and sum(w in title for w in words) * 2 >= len(words)


def _mentions(text: str, symbol: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(symbol.lower())}(?!\w)", text) is not None


def keywords(title: str) -> list[str]:
    words = re.findall(r"[a-z_][a-z0-9_]{3,}", title.lower())
    return [w for w in dict.fromkeys(words) if w not in STOPWORDS]


def related_issues(finding: Finding, issues: list[ExistingIssue], exclude: set[int]) -> tuple[int, ...]:
    """Other issues naming one of the finding's symbols (their marker, if any, is another finding's)."""
    hits = [i.number for i in issues
            if i.number not in exclude and i.fingerprint != finding.fingerprint
            and any(_mentions(f"{i.title}\n{i.body}".lower(), s) for s in finding.symbols)]
    return tuple(sorted(hits)[-MAX_RELATED:])


def _ensure_comments(finding: Finding, match: ExistingIssue, how: str) -> tuple[CommentPlan, ...]:
    # an issue of ours that a crashed run created may still lack its comments: plan them again, for
    # exactly the issues its body names (so a steady state posts nothing new)
    if how != "fingerprint":
        return ()
    comments = [_related_comment(finding, n, str(match.number)) for n in match.related_listed]
    if match.regression_of is not None:
        comments.insert(0, _regression_comment(finding, match.regression_of, str(match.number)))
    return tuple(comments)


def _regression_comment(finding: Finding, closed: int, new: str = NEW_ISSUE) -> CommentPlan:
    text = (f"interlock found this again ({finding.code} `{finding.fingerprint}`): "
            f"the counterexample is back. Regression filed as #{new}.")
    return CommentPlan(closed, f"regression:{finding.fingerprint}", text)


def _related_comment(finding: Finding, other: int, new: str = NEW_ISSUE) -> CommentPlan:
    symbols = ", ".join(f"`{s}`" for s in finding.symbols)
    text = f"Related: #{new} ({finding.code} {finding.title}) involves {symbols} too."
    return CommentPlan(other, f"related:{finding.fingerprint}", text)


def comment_text(comment: CommentPlan, new_number: int | None) -> str:
    """The text to post: the placeholder filled in, and the hidden key that makes it idempotent."""
    text = comment.text.replace(f"#{NEW_ISSUE}", f"#{new_number}" if new_number else "a new issue")
    return f"{text}\n\n<!-- interlock:comment={comment.key} -->"


def describe(action: IssueAction) -> str:
    """One line of the dry run."""
    f = action.finding
    what = f"{f.code} {f.location.path}:{f.location.line} {', '.join(f.symbols)}".rstrip()
    if action.action == "skip":
        line = f"skip      {what}: existing open issue #{action.issue} (matched by {action.matched_by})"
    elif action.action == "regression":
        line = f"regress   {what}: closed #{action.issue} is back -> {action.title!r}"
    else:
        line = f"create    {what}: {action.title!r} labels {', '.join(action.labels)}"
    verb = "comment on" if action.creates else "check comment on"    # a skip only re-posts what a dead run missed
    extra = [f"{verb} #{c.on} ({c.key.split(':')[0]})" for c in action.comments]
    return line + ("; " + "; ".join(extra) if extra else "")


__all__ = ["CommentPlan", "ExistingIssue", "IssueAction", "comment_text", "describe", "find_match", "marker",
           "plan", "related_issues"]
