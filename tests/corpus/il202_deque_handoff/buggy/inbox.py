"""IL202 on `FrameInbox._frames`: `snapshot` walks the deque while the capture thread appends to
it ("deque mutated during iteration"). The appends and pops themselves are atomic: silent."""
import collections
import threading


class FrameInbox:
    def __init__(self, encode):
        self._frames = collections.deque()
        self._ready = threading.Semaphore(0)
        self._encode = encode
        self._worker = threading.Thread(target=self._encode_loop, daemon=True)
        self._worker.start()

    def push(self, frame: bytes):
        self._frames.append(frame)
        self._ready.release()

    def push_urgent(self, frame: bytes):
        self._frames.appendleft(frame)
        self._ready.release()

    def backlog(self) -> int:
        return len(self._frames)

    def snapshot(self) -> list:
        return [len(f) for f in self._frames]

    def _encode_loop(self):
        while True:
            self._ready.acquire()
            frame = self._frames.popleft()
            if frame is None:
                return
            self._encode(frame)
