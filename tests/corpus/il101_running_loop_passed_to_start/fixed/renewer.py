"""Certificate renewer: each renewal runs on a thread of its own and reports back to the event
loop it was started from."""
import asyncio
import ssl
import threading


class CertRenewer:
    def __init__(self, domains: list[str]) -> None:
        self.domains = domains
        self.renewed: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._worker: threading.Thread | None = None

    def renew(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._worker = threading.Thread(target=self._renew_all, daemon=True)
        self._worker.start()

    def _renew_all(self) -> None:
        done = []
        for domain in self.domains:
            ctx = ssl.create_default_context()
            ctx.check_hostname = True
            done.append(domain)
        self._loop.call_soon_threadsafe(self._record, done)

    def _record(self, done: list[str]) -> None:
        self.renewed = done
