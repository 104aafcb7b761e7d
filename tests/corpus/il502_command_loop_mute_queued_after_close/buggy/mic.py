"""Microphone: open/mute/close are queued to the capture thread, which owns the device.

Bug: `mute` checks that the mic is live when it is called; a `close` queued before it runs
first, and the capture thread then mutes a closed mic (CLOSED -> MUTED)."""
import enum
import queue
import threading


class Mic(enum.Enum):
    CLOSED = "closed"
    LIVE = "live"
    MUTED = "muted"


class Capture:
    def __init__(self, device):
        self._device = device
        self._lock = threading.Lock()
        self.state = Mic.CLOSED
        self._requests = queue.Queue()
        threading.Thread(target=self._capture, daemon=True).start()

    def is_live(self) -> bool:
        with self._lock:
            return self.state is Mic.LIVE

    def open(self) -> None:
        self._requests.put("open")

    def close(self) -> None:
        self._requests.put("close")

    def mute(self) -> None:
        if self.is_live():
            self._requests.put("mute")

    def _capture(self) -> None:
        while True:
            request = self._requests.get()
            if request == "open":
                self._do_open()
            elif request == "mute":
                self._do_mute()
            elif request == "close":
                self._do_close()

    def _do_open(self) -> None:
        self._device.start()
        with self._lock:
            self.state = Mic.LIVE

    def _do_mute(self) -> None:
        self._device.silence()
        with self._lock:
            self.state = Mic.MUTED

    def _do_close(self) -> None:
        self._device.stop()
        with self._lock:
            self.state = Mic.CLOSED
