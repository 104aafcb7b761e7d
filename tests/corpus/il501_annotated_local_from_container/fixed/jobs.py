"""Job server: each tenant may run a bounded number of jobs at once; requests of one tenant
share its slot counter, looked up (or made) in the server's table."""
from __future__ import annotations

import threading


class TenantSlots:
    def __init__(self, tenant: str, limit: int = 2) -> None:
        self.tenant = tenant
        self.limit = limit
        self.running = 0
        self._lock = threading.Lock()

    def acquire(self) -> bool:
        with self._lock:
            if self.running >= self.limit:
                return False
            self.running += 1
            return True

    def release(self) -> None:
        with self._lock:
            if self.running > 0:
                self.running -= 1


class JobServer:
    def __init__(self) -> None:
        self.tenants: dict[str, TenantSlots] = {}


class JobHandler:
    def __init__(self, server: JobServer) -> None:
        self.server = server

    def handle(self, tenant: str) -> bool:
        slots: TenantSlots = self.server.tenants.setdefault(tenant, TenantSlots(tenant))
        if not slots.acquire():
            return False
        try:
            return True
        finally:
            slots.release()
