"""Silent: the capture thread appends frames to a `collections.deque` and the encoder thread
pops them from the other end. deque `append`/`popleft` are atomic (documented thread-safe), the
semaphore counts the frames, and `backlog` only reads the length."""
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

    def _encode_loop(self):
        while True:
            self._ready.acquire()
            frame = self._frames.popleft()
            if frame is None:
                return
            self._encode(frame)
