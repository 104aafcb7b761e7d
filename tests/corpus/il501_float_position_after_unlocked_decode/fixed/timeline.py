"""Playback timeline: seek() decodes without the lock, then checks again that the same track
is loaded and the target still fits before it stores the position."""
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
            if self.path != path or target > self.duration:
                return False            # another track was loaded meanwhile
            self.position = target
            self.frame = frame
        return True

    def tick(self, dt: float) -> None:
        with self._lock:
            self.position = min(self.duration, self.position + dt)
