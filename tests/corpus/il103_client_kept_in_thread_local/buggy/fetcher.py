"""Fetch users with a pool of workers. The HTTP client is one lazily made module global that
every worker thread shares, and its request counter is bumped without a lock."""
import json
import sqlite3
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

_shared: "Client | None" = None


class Client:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.requests = 0

    def get_json(self, path: str) -> dict:
        self.requests += 1
        with urllib.request.urlopen(f"{self.base}/{path.lstrip('/')}", timeout=10) as resp:
            return json.load(resp)


class _Scratch(threading.local):
    def __init__(self) -> None:
        self.db: "sqlite3.Connection | None" = None
        self.lookups = 0


_scratch_state = _Scratch()


def client(base: str) -> Client:
    global _shared
    if _shared is None:
        _shared = Client(base)
    return _shared


def seen_before(key: str) -> bool:
    if _scratch_state.db is None:
        _scratch_state.db = sqlite3.connect(":memory:")
        _scratch_state.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY)")
    _scratch_state.lookups += 1
    if _scratch_state.db.execute("SELECT 1 FROM seen WHERE id = ?", (key,)).fetchone():
        return True
    _scratch_state.db.execute("INSERT INTO seen VALUES (?)", (key,))
    return False


def fetch_user(base: str, user_id: str) -> dict:
    if seen_before(user_id):
        return {}
    return client(base).get_json(f"/users/{user_id}")


def fetch_all(base: str, ids: list[str], workers: int = 8) -> list[dict]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(fetch_user, base, i) for i in ids]
        return [f.result() for f in futures]
