"""A multitrack recorder: the session's arm/record/disarm requests are queued to the writer
thread, which looks each one up in a table of handlers that `_install_handlers()` fills.

The writer checks again that the track is armed when it handles a record request: a `disarm`
queued before it may have been handled first."""
import queue
import threading

IDLE = "idle"
ARMED = "armed"
RECORDING = "recording"


class Recorder:
    def __init__(self, disk):
        self._disk = disk
        self._lock = threading.Lock()
        self.mode = IDLE
        self._requests = queue.Queue()
        self._handlers = {}
        self._install_handlers()
        threading.Thread(target=self._writer, daemon=True).start()

    def _install_handlers(self) -> None:
        self.register("arm", self._on_arm)
        self.register("record", self._on_record)
        self.register("disarm", self._on_disarm)

    def register(self, name: str, handler) -> None:
        self._handlers[name] = handler

    def arm(self) -> None:
        self._requests.put("arm")

    def disarm(self) -> None:
        self._requests.put("disarm")

    def record(self) -> None:
        with self._lock:
            armed = self.mode == ARMED
        if armed:
            self._requests.put("record")

    def _writer(self) -> None:
        while True:
            request = self._requests.get()
            handler = self._handlers.get(request)
            if handler is not None:
                handler()

    def _on_arm(self) -> None:
        with self._lock:
            if self.mode == IDLE:
                self.mode = ARMED

    def _on_record(self) -> None:
        with self._lock:
            if self.mode != ARMED:
                return
            self.mode = RECORDING
        self._disk.open_take()

    def _on_disarm(self) -> None:
        with self._lock:
            if self.mode == ARMED:
                self.mode = IDLE
