"""Publishing, the I/O half: list a repository's issues, then apply the plan through PyGithub.

Safe to re-run after any failure: every issue carries its finding's fingerprint marker and every
comment a hidden key, and each run re-lists before acting, so what a dead run already created is
found and not created again. POSTs are never retried blindly (a lost reply may hide a success);
rate limits are waited out with a message. The token is masked in anything we print or raise.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Iterable
from urllib.parse import urlparse

from interlock.models.result import VerifyResult
from interlock.reports.issue_record import IssueEntry, record_from, render_record
from interlock.reports.github_plan import (COMMENT_RE, ExistingIssue, IssueAction, comment_text, describe,
                                           plan)

LABEL_COLORS = {"critical": "b60205", "high": "d93f0b", "medium": "fbca04", "low": "0e8a16",
                "concurrency": "5319e7", "bug": "d73a4a"}
MAX_RATE_WAITS = 5
MAX_WAIT_SECONDS = 3600.0


class PublishError(Exception):
    """Publishing failed; the message is one line, never contains the token."""


class Client:
    """The few GitHub calls publish makes, each with rate-limit waits and token masking."""

    def __init__(self, repo: str, token: str | None, base_url: str | None, echo: Callable[[str], None],
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.token, self.echo, self.sleep = token, echo, sleep
        self._issues: dict[int, object] = {}
        self.repo = self.call(lambda: _github(token, base_url).get_repo(repo), f"open {repo}")

    def list_issues(self) -> list[ExistingIssue]:
        """All issues, open and closed, pull requests left out (the endpoint returns both)."""
        def fetch() -> list[ExistingIssue]:
            out = []
            for issue in self.repo.get_issues(state="all"):
                # html_url, not `pull_request`: reading an absent attribute makes PyGithub GET each issue
                if "/pull/" in (issue.html_url or ""):
                    continue
                self._issues[issue.number] = issue
                out.append(ExistingIssue(issue.number, issue.title or "", issue.body or "", issue.state))
            return out
        return self.call(fetch, "list issues")

    def ensure_label(self, name: str) -> None:
        from github import GithubException

        try:
            self.call(lambda: self.repo.get_label(name), f"get label {name}")
        except PublishError as exc:
            if not isinstance(exc.__cause__, GithubException) or exc.__cause__.status != 404:
                raise
            self.call(lambda: self.repo.create_label(name, LABEL_COLORS.get(name, "ededed")), f"create label {name}")

    def create_issue(self, title: str, body: str, labels: tuple[str, ...]) -> int:
        issue = self.call(lambda: self.repo.create_issue(title=title, body=body, labels=list(labels)),
                          "create issue")
        self._issues[issue.number] = issue
        return issue.number

    def comment(self, number: int, key: str, text: str) -> bool:
        """Post unless a comment with this key is already there; True when one was posted."""
        issue = self._issues.get(number) or self.call(lambda: self.repo.get_issue(number), f"get #{number}")
        keys = self.call(lambda: {m.group(1) for c in issue.get_comments() for m in COMMENT_RE.finditer(c.body or "")},
                         f"list comments of #{number}")
        if key in keys:
            return False
        self.call(lambda: issue.create_comment(text), f"comment on #{number}")
        return True

    def call(self, fn, what: str):
        """Run one request; wait out rate limits; turn any failure into a masked PublishError."""
        from github import GithubException

        for _ in range(MAX_RATE_WAITS + 1):
            try:
                return fn()
            except GithubException as exc:
                wait = rate_limit_wait(exc.status, exc.headers or {})
                if wait is None:
                    raise PublishError(self.mask(f"GitHub: {what} failed: {exc}")) from exc
                self.echo(f"waiting {wait:.0f} s for GitHub's rate limit ({what})")
                self.sleep(wait)
            except Exception as exc:   # network errors from requests/urllib3, anything else PyGithub raises
                raise PublishError(self.mask(f"GitHub: {what} failed: {type(exc).__name__}: {exc}")) from exc
        raise PublishError(f"GitHub: {what}: still rate limited after {MAX_RATE_WAITS} waits")

    def mask(self, text: str) -> str:
        text = " ".join(str(text).split())
        return text.replace(self.token, "***") if self.token else text


def rate_limit_wait(status: int, headers: dict, now: float | None = None) -> float | None:
    """Seconds to wait when a reply is a rate limit (403/429 with the headers that say so), else None."""
    if status not in (403, 429):
        return None
    low = {str(k).lower(): str(v) for k, v in headers.items()}
    if low.get("retry-after", "").strip().isdigit():
        return min(float(low["retry-after"]), MAX_WAIT_SECONDS)
    if low.get("x-ratelimit-remaining") == "0" and low.get("x-ratelimit-reset", "").isdigit():
        wait = float(low["x-ratelimit-reset"]) - (time.time() if now is None else now) + 1
        return min(max(wait, 1.0), MAX_WAIT_SECONDS)
    return 60.0 if status == 429 else None


def _github(token: str | None, base_url: str | None):
    from github import Auth, Github
    from urllib3.util.retry import Retry

    # only GETs are retried (and connects, which never reached the server): a POST whose reply was
    # lost may have created the issue, and the next run's listing is what finds it
    retry = Retry(total=3, connect=3, read=2, status=0, backoff_factor=0.5, allowed_methods=["GET"],
                  respect_retry_after_header=False)
    local = urlparse(base_url or "").hostname in ("127.0.0.1", "localhost", "::1")
    throttle = {"seconds_between_requests": None, "seconds_between_writes": None} if local else {}
    auth = Auth.Token(token) if token else None
    return Github(auth=auth, base_url=base_url or "https://api.github.com", per_page=100, retry=retry,
                  timeout=30, **throttle)


def apply(actions: Iterable[IssueAction], client: Client, echo: Callable[[str], None]) -> dict[str, int | None]:
    """Create issues and comments in plan order; returns fingerprint -> issue number."""
    actions = list(actions)
    for label in sorted({lab for a in actions if a.creates for lab in a.labels}):
        client.ensure_label(label)
    numbers: dict[str, int | None] = {}
    for action in actions:
        number = action.issue
        if action.creates:
            number = client.create_issue(action.title, action.body, action.labels)
            echo(f"created #{number}: {action.title}")
        numbers[action.finding.fingerprint] = number
        for comment in action.comments:
            if client.comment(comment.on, comment.key, comment_text(comment, number)):
                echo(f"commented on #{comment.on}")
    return numbers


def publish(result: VerifyResult, *, repo: str, base_url: str | None, token_env: str, apply_changes: bool,
            date: str, echo: Callable[[str], None], sleep: Callable[[float], None] = time.sleep,
            record: Callable[[str], None] | None = None, known: dict[str, IssueEntry] | None = None,
            known_from: str = "") -> int:
    """List, plan, print the plan, and (with `apply_changes`) apply it; then a summary table. Exit code 0.

    The dry run (no `apply_changes`) never contacts GitHub: it plans against `known`, the local
    publish record read from `known_from` (fingerprint -> issue), and says what it could not see.
    After applying, `record` receives the publish record (fingerprint -> issue, see `issue_record`).
    """
    if apply_changes:
        token = os.environ.get(token_env) or None
        if token is None:
            raise PublishError(f"no GitHub token: set the {token_env} environment variable (or pass --token-env NAME)")
        client = Client(repo, token, base_url, echo, sleep)
        existing = client.list_issues()
    else:
        existing = [ExistingIssue(e.number, e.title, f"<!-- interlock:fingerprint=v1:{fp} -->", e.state)
                    for fp, e in sorted((known or {}).items())]
        where = (f"planned against the local publish record {known_from} ({len(existing)} issue(s))"
                 if known is not None else "no local publish record yet (`--yes` writes it): every finding is planned as new")
        echo(f"dry run: offline, {repo} not contacted; {where}; issues filed or closed on GitHub since, "
             f"and hand-filed ones, are matched only by --yes")
    actions = plan(result.findings, existing, date)
    echo(("plan" if apply_changes else "dry run (pass --yes to apply)") + f": {len(actions)} findings")
    for action in actions:
        echo("  " + describe(action))
    numbers = {a.finding.fingerprint: a.issue for a in actions}
    if apply_changes and any(a.creates or a.comments for a in actions):
        try:
            numbers = apply(actions, client, echo)
        except PublishError as exc:
            raise PublishError(f"{exc} (re-run to finish: issues already filed are found by their marker)") from exc
    echo(summary_table(actions, numbers, applied=apply_changes))
    if apply_changes and record is not None:
        titles = {a.finding.fingerprint: a.title for a in actions}
        record(render_record(record_from(existing, numbers, titles)))
    return 0


def summary_table(actions: list[IssueAction], numbers: dict[str, int | None], applied: bool) -> str:
    rows = [("finding", "action", "issue")]
    done = {"create": "created", "regression": "regression of #%s", "skip": "existing"}
    dry = {"create": "would create", "regression": "would file regression of #%s", "skip": "existing"}
    for a in actions:
        f = a.finding
        name = f"{f.code} {', '.join(f.symbols) or f.location.path}"
        number = numbers.get(f.fingerprint)
        action = (done if applied else dry)[a.action].replace("%s", str(a.issue))
        rows.append((name, action, f"#{number}" if number and (applied or a.action == "skip") else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
