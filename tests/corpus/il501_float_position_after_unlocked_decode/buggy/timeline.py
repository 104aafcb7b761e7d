"""Playback timeline shared by the HTTP handlers (seek, load) of a media server running in a
threadpool. seek() validates the target against the current duration under the lock, decodes
the keyframe without the lock (slow), then stores the position: a load() of a shorter track in
between leaves position > duration, and the progress bar overruns (and the decoder reads past
the end). The fields hold seconds as floats (`0.0`): a float field starts in any value, as an
int one does, not only the built one."""
import threading
import time


def decode_keyframe(path: str, at: float) -> bytes:
    time.sleep(0.02)
    return f"{path}@{at}".encode()


class Timeline:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.path = ""
        self.position = 0.0
        self.duration = 0.0
        self.frame = b""

    def load(self, path: str, duration: float) -> None:
        with self._lock:
            self.path = path
            self.duration = max(0.0, duration)
            self.position = 0.0

    def seek(self, target: float) -> bool:
        with self._lock:
            if target < 0 or target > self.duration:
                return False
            path = self.path
        frame = decode_keyframe(path, target)
        with self._lock:
            self.position = target
            self.frame = frame
        return True

    def tick(self, dt: float) -> None:
        with self._lock:
            self.position = min(self.duration, self.position + dt)
