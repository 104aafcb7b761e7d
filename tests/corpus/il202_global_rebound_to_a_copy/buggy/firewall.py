"""IL202 on `firewall._rules`: the reload thread clears and refills the module's dict in place
while the request handler threads walk it ("dictionary changed size during iteration")."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_rules: dict[str, str] = {}
_version = 0


def _reload_forever(path: str) -> None:
    global _version
    while True:
        with open(path) as fh:
            fresh = json.load(fh)
        _rules.clear()
        _rules.update(fresh)
        _version += 1
        time.sleep(30)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        verdict = "allow"
        for prefix, action in _rules.items():
            if self.path.startswith(prefix):
                verdict = action
                break
        self.send_response(200 if verdict == "allow" else 403)
        self.end_headers()


def main(path: str):
    threading.Thread(target=_reload_forever, args=(path,), daemon=True).start()
    ThreadingHTTPServer(("", 8080), Handler).serve_forever()
