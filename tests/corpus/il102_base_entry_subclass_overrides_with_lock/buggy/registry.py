"""IL102: `AuditedRegistry` takes its own `_audit_lock` in `snapshot` but inherits `add`, which
takes the base's `_lock`: `Cache.remember` on an `AuditedRegistry` writes `_items` under `_lock`
while `get` and `snapshot` read it under `_audit_lock`: two different locks, nothing orders them
(`snapshot`'s copy can run during the write: `dict changed size during iteration`)."""
import threading


class Registry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, int] = {}

    def add(self, key: str, value: int) -> None:
        with self._lock:
            self._items[key] = value

    def get(self, key: str):
        with self._lock:
            return self._items.get(key)


class AuditedRegistry(Registry):
    def __init__(self) -> None:
        super().__init__()
        self._audit_lock = threading.RLock()
        self.log: list[str] = []

    def get(self, key: str):
        with self._audit_lock:
            return self._items.get(key)

    def snapshot(self):
        with self._audit_lock:
            return dict(self._items), list(self.log)


class Cache:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._lock = threading.Lock()
        self.hits = 0

    def remember(self, key: str, value: int) -> None:
        self.registry.add(key, value)
        with self._lock:
            self.hits += 1
