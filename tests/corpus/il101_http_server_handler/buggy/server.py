"""IL101 on `settings._settings` and `_version`: `ThreadingHTTPServer` runs `ConfigHandler.do_GET` on a
thread per request, and it reads both while the reloader thread replaces them, no lock: a request
can pair a new version with old settings."""
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
