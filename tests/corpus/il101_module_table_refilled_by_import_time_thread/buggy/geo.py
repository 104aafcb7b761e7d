"""Module-level geo table reloaded by a thread the module starts at import; importers call country_of() and known_codes() from their own threads."""
import csv
import threading
import time

_table = {}


def _load(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def _reload_forever(path="geo.csv"):
    while True:
        rows = _load(path)
        _table.clear()  # BUG: readers see a half-filled table
        for code, country in rows:
            _table[code] = country
        time.sleep(300)


def country_of(code):
    return _table.get(code, "unknown")


def known_codes():
    return sorted(_table)


threading.Thread(target=_reload_forever, daemon=True).start()
