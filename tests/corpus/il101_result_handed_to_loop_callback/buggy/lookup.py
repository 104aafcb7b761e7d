"""IL101 on `HostLookup._answer`: the worker thread hands `_deliver` to the loop with
`call_soon_threadsafe` first and stores the answer only after that, so the loop may run `_deliver`
and read `_answer` while (or before) the thread writes it: the callback can see None. IL101 on `GaugePoller._latest`
too: its thread stores a reading and schedules `_show` again and again, so the next reading is
written while the loop still shows the last one."""
import asyncio
import socket
import threading
import time


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
        with self._lock:
            self._loop.call_soon_threadsafe(self._deliver)
        try:
            answer = socket.getaddrinfo(self._host, 443)
        except OSError as exc:
            answer = exc
        self._answer = answer

    def _deliver(self):
        self._on_done(self._answer)


class GaugePoller:
    def __init__(self, loop: asyncio.AbstractEventLoop, gauge, display):
        self._loop = loop
        self._gauge = gauge
        self._display = display
        self._latest = None
        self._worker = None

    def start(self):
        self._worker = threading.Thread(target=self._poll, daemon=True)
        self._worker.start()

    def _poll(self):
        while True:
            self._latest = self._gauge.read()
            self._loop.call_soon_threadsafe(self._show)
            time.sleep(1.0)

    def _show(self):
        self._display.render(self._latest)
