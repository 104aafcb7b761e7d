"""Silent: `HostLookup` resolves a name on a worker thread of its own (one per lookup: `start`
runs once per object), stores the answer, and only then hands `_deliver` to the loop with
`call_soon_threadsafe`. The loop cannot run `_deliver` before it is scheduled, so its read of
`_answer` comes after the thread's write, and the thread touches nothing after the hand-off."""
import asyncio
import socket
import threading


class HostLookup:
    def __init__(self, loop: asyncio.AbstractEventLoop, host: str, on_done):
        self._loop = loop
        self._host = host
        self._on_done = on_done
        self._answer = None
        self._lock = threading.Lock()
        self._worker = None

    def start(self):
        self._worker = threading.Thread(target=self._resolve, daemon=True)
        self._worker.start()

    def _resolve(self):
        try:
            answer = socket.getaddrinfo(self._host, 443)
        except OSError as exc:
            answer = exc
        self._answer = answer
        with self._lock:
            self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self):
        self._on_done(self._answer)
