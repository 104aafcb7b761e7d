"""A download worker reports progress to listeners typed by a Protocol; the listeners are
whatever objects the application registers."""
from __future__ import annotations

import threading
import urllib.request
from typing import Protocol


class DownloadListener(Protocol):
    def on_chunk(self, url: str, received: int) -> None:
        ...

    def on_done(self, url: str) -> None:
        """Called once the file is complete."""


class Downloader:
    def __init__(self, url: str, dest: str) -> None:
        self.url = url
        self.dest = dest
        self.received = 0
        self._lock = threading.Lock()
        self._listeners: list[DownloadListener] = []

    def subscribe(self, listener: DownloadListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def progress(self) -> int:
        with self._lock:
            return self.received

    def run(self) -> None:
        with urllib.request.urlopen(self.url) as resp, open(self.dest, "wb") as out:
            while chunk := resp.read(65536):
                out.write(chunk)
                with self._lock:
                    self.received += len(chunk)
                    received = self.received
                    listeners = list(self._listeners)
                for listener in listeners:
                    listener.on_chunk(self.url, received)
        self._finish()

    def _finish(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener.on_done(self.url)


def start(url: str, dest: str, listener: DownloadListener) -> Downloader:
    job = Downloader(url, dest)
    job.subscribe(listener)
    threading.Thread(target=job.run, daemon=True).start()
    return job
