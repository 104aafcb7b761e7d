"""A local stand-in for the part of GitHub's REST API that `interlock publish` uses, on 127.0.0.1.

Real HTTP (stdlib ThreadingHTTPServer) so PyGithub's own URL building, pagination (`Link` headers),
auth header and error handling are exercised. Faults are injected by request count: the k-th
request can fail before it is processed (502), or be processed and then lose its reply (the
connection is closed), which is how a duplicate appears when a client retries a POST blindly.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse


@dataclass
class FakeRepo:
    owner: str = "acme"
    name: str = "player"
    issues: dict[int, dict] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    next_number: int = 1

    def add_issue(self, title: str, body: str = "", state: str = "open", pull: bool = False) -> int:
        number = self.next_number
        self.next_number += 1
        self.issues[number] = {"number": number, "title": title, "body": body, "state": state,
                               "labels": [], "comments": [], "pull": pull}
        return number


class FakeGitHub:
    """Start with `with FakeGitHub(token) as gh:`; `gh.url` is the base_url for PyGithub."""

    def __init__(self, token: str, max_per_page: int = 100) -> None:
        self.token = token
        self.repo = FakeRepo()
        self.max_per_page = max_per_page
        self.requests: list[tuple[str, str]] = []      # (method, path) in arrival order
        self.fail_at: int | None = None                # 1-based request index to fail
        self.fail_mode = "before"                      # "before" (502, not processed) | "lost" (processed, no reply)
        self.rate_limit_at: set[int] = set()           # request indices answered 403 + Retry-After (secondary)
        self.primary_limit_at: set[int] = set()        # request indices answered 403, remaining 0, reset in 2 s
        self.bad_auth = 0
        self.lock = threading.Lock()
        self.server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "FakeGitHub":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ---- what tests look at
    def issues_with(self, fingerprint: str) -> list[dict]:
        return [i for i in self.repo.issues.values() if f"fingerprint=v1:{fingerprint}" in i["body"] and not i["pull"]]

    def writes(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] in ("POST", "PATCH")]

    # ---- JSON shapes
    def issue_json(self, issue: dict) -> dict:
        repo_url = f"{self.url}/repos/{self.repo.owner}/{self.repo.name}"
        kind = "pull" if issue["pull"] else "issues"
        out = {"id": 1000 + issue["number"], "number": issue["number"], "title": issue["title"],
               "body": issue["body"], "state": issue["state"], "url": f"{repo_url}/issues/{issue['number']}",
               "html_url": f"https://github.example/{self.repo.owner}/{self.repo.name}/{kind}/{issue['number']}",
               "labels": [self.label_json(n) for n in issue["labels"]], "comments": len(issue["comments"]),
               "user": {"login": "someone", "id": 1}}
        if issue["pull"]:
            out["pull_request"] = {"url": f"{repo_url}/pulls/{issue['number']}"}
        return out

    def label_json(self, name: str) -> dict:
        return {"name": name, "color": self.repo.labels.get(name, "ededed"),
                "url": f"{self.url}/repos/{self.repo.owner}/{self.repo.name}/labels/{name}"}

    def repo_json(self) -> dict:
        r = self.repo
        return {"id": 1, "name": r.name, "full_name": f"{r.owner}/{r.name}", "owner": {"login": r.owner, "id": 2},
                "url": f"{self.url}/repos/{r.owner}/{r.name}", "has_issues": True}


class _QuietServer(ThreadingHTTPServer):
    # keep-alive connections must not hold up shutdown, and a dropped reply is not an error here
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        pass


def _handler(gh: FakeGitHub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16                 # headers and body in one write: no 40 ms delayed-ACK stalls
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:      # keep test output clean
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}") if length else {}
            with gh.lock:
                gh.requests.append((method, self.path))
                index = len(gh.requests)
                if self.headers.get("Authorization") not in (f"token {gh.token}", f"Bearer {gh.token}"):
                    gh.bad_auth += 1
                    return self._reply(401, {"message": "Bad credentials"})
                if index in gh.rate_limit_at:
                    return self._reply(403, {"message": "You have exceeded a secondary rate limit."},
                                       {"Retry-After": "1"})
                if index in gh.primary_limit_at:
                    return self._reply(403, {"message": "API rate limit exceeded for user ID 1."},
                                       {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 2)})
                if index == gh.fail_at and gh.fail_mode == "before":
                    return self._reply(502, {"message": "Server Error"})
                status, body, headers = _route(gh, method, urlparse(self.path), payload)
                if index == gh.fail_at and gh.fail_mode == "lost":
                    self.close_connection = True
                    self.connection.shutdown(2)     # processed, but the client never hears back
                    return
                self._reply(status, body, headers)

        def _reply(self, status: int, body, headers: dict | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            limits = {"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "4999",
                      "X-RateLimit-Reset": str(int(time.time()) + 3600)}
            for k, v in {**limits, **(headers or {})}.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _route(gh: FakeGitHub, method: str, url, payload: dict):
    repo = gh.repo
    prefix = f"/repos/{repo.owner}/{repo.name}"
    path, query = url.path, parse_qs(url.query)
    if path == "/rate_limit":
        core = {"limit": 5000, "remaining": 4999, "reset": int(time.time()) + 3600, "used": 1}
        return 200, {"resources": {"core": core, "search": core}, "rate": core}, {}
    if not path.startswith(prefix):
        return 404, {"message": "Not Found"}, {}
    rest = path[len(prefix):]
    if rest == "" and method == "GET":
        return 200, gh.repo_json(), {}
    if rest == "/issues":
        return _issues(gh, method, query, payload)
    if m := re.fullmatch(r"/issues/(\d+)", rest):
        return _one_issue(gh, method, int(m.group(1)), payload)
    if m := re.fullmatch(r"/issues/(\d+)/comments", rest):
        return _comments(gh, method, int(m.group(1)), query, payload)
    if rest == "/labels" and method == "POST":
        repo.labels[payload["name"]] = payload.get("color", "ededed")
        return 201, gh.label_json(payload["name"]), {}
    if (m := re.fullmatch(r"/labels/(.+)", rest)) and method == "GET":
        name = unquote(m.group(1))
        return (200, gh.label_json(name), {}) if name in repo.labels else (404, {"message": "Not Found"}, {})
    return 404, {"message": "Not Found"}, {}


def _issues(gh: FakeGitHub, method: str, query: dict, payload: dict):
    repo = gh.repo
    if method == "POST":
        number = repo.add_issue(payload["title"], payload.get("body") or "")
        for name in payload.get("labels") or []:
            repo.labels.setdefault(name, "ededed")      # GitHub creates unknown labels on the fly
            repo.issues[number]["labels"].append(name)
        return 201, gh.issue_json(repo.issues[number]), {}
    state = query.get("state", ["open"])[0]
    items = [i for i in sorted(repo.issues.values(), key=lambda i: -i["number"])
             if state == "all" or i["state"] == state]
    return _page(gh, f"/repos/{repo.owner}/{repo.name}/issues", query, [gh.issue_json(i) for i in items])


def _one_issue(gh: FakeGitHub, method: str, number: int, payload: dict):
    issue = gh.repo.issues.get(number)
    if issue is None:
        return 404, {"message": "Not Found"}, {}
    if method == "PATCH":
        issue.update({k: v for k, v in payload.items() if k in ("state", "title", "body")})
    return 200, gh.issue_json(issue), {}


def _comments(gh: FakeGitHub, method: str, number: int, query: dict, payload: dict):
    issue = gh.repo.issues.get(number)
    if issue is None:
        return 404, {"message": "Not Found"}, {}
    base = f"{gh.url}/repos/{gh.repo.owner}/{gh.repo.name}/issues"
    if method == "POST":
        comment = {"id": 5000 + len(issue["comments"]), "body": payload["body"],
                   "url": f"{base}/comments/{5000 + len(issue['comments'])}", "user": {"login": "bot", "id": 3}}
        issue["comments"].append(comment)
        return 201, comment, {}
    return _page(gh, f"/repos/{gh.repo.owner}/{gh.repo.name}/issues/{number}/comments", query, issue["comments"])


def _page(gh: FakeGitHub, path: str, query: dict, items: list):
    per_page = min(int(query.get("per_page", ["30"])[0]), gh.max_per_page)
    page = int(query.get("page", ["1"])[0])
    chunk = items[(page - 1) * per_page: page * per_page]
    last = max(1, -(-len(items) // per_page))
    links = []
    extra = "".join(f"&{k}={v[0]}" for k, v in sorted(query.items()) if k not in ("page", "per_page"))
    if page < last:
        links.append(f'<{gh.url}{path}?per_page={per_page}&page={page + 1}{extra}>; rel="next"')
        links.append(f'<{gh.url}{path}?per_page={per_page}&page={last}{extra}>; rel="last"')
    return 200, chunk, ({"Link": ", ".join(links)} if links else {})
