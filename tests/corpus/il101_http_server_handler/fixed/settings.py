import json
import threading
import time

_lock = threading.Lock()
_settings = {}
_version = 0


def _load(path):
    with open(path) as fh:
        return json.load(fh)


def _reload_loop(path):
    global _settings, _version
    while True:
        data = _load(path)
        with _lock:
            _settings = data
            _version = data.get("version", 0)
        time.sleep(5)


def start_reloader(path):
    t = threading.Thread(target=_reload_loop, args=(path,), daemon=True)
    t.start()
    return t


def snapshot():
    # request handlers call this; expects settings and version to match
    with _lock:
        return _version, _settings
