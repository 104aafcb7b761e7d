"""Silent: `submit` records the name under the lock and puts on the bounded queue after
releasing it, so a full queue only holds up the submitting caller, never a `queued` poll."""
import queue
import threading


class TranscodeQueue:
    def __init__(self, encoder):
        self._encoder = encoder
        self._lock = threading.Lock()
        self._progress_lock = threading.Lock()
        self._jobs = queue.Queue(maxsize=8)
        self._names: list[str] = []
        self._finished = 0
        threading.Thread(target=self._encode_loop, daemon=True).start()

    def submit(self, name: str) -> None:
        with self._lock:
            self._names.append(name)
        self._jobs.put(name)

    def queued(self) -> list[str]:
        with self._lock:
            return list(self._names)

    def _encode_loop(self) -> None:
        while True:
            name = self._jobs.get()
            self._encoder.encode(name)
            with self._progress_lock:
                self._finished += 1
