"""Fixed: the reload thread rebinds the global to a copy (`_rules = dict(fresh)`, one store of a
dict filled before it is published) and never changes a stored dict; each handler loads the
reference once and walks one whole table, old or new: no IL101 for the rebinding either."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_rules: dict[str, str] = {}


def _reload_forever(path: str) -> None:
    global _rules
    while True:
        with open(path) as fh:
            fresh = json.load(fh)
        _rules = dict(fresh)
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
