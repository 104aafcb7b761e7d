"""Silent: the reloader replaces both settings under `_lock` and `snapshot` (called by every
request thread of the `ThreadingHTTPServer`) reads them under it, so they always match."""
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import settings


class ConfigHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        version, data = settings.snapshot()
        self.body = json.dumps({"version": version, "settings": data}).encode()   # this request's own
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)


def main():
    settings.start_reloader("/etc/app/settings.json")
    ThreadingHTTPServer(("", 8080), ConfigHandler).serve_forever()
