"""Silent: `Registry` guards `_items` with `_lock`; `AuditedRegistry` overrides every method that
touches `_items` to take its own `_audit_lock` instead (it also keeps the audit log under it).
`Cache.remember` calls `add` on its `Registry`: when that runs `Registry.add` (under `_lock`) the
object is a plain `Registry`, since an `AuditedRegistry` would have run its own `add`. So the base
method's accesses never meet `AuditedRegistry.snapshot`'s on one object."""
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

    def add(self, key: str, value: int) -> None:
        with self._audit_lock:
            self._items[key] = value
            self.log.append(key)

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
