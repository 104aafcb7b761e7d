import threading
from collections import deque


class UploadWindow:
    """At most `window` parts are in flight; the sender waits for acks before sending more."""

    def __init__(self, transport, window: int = 4):
        self._cv = threading.Condition()
        self._parts = deque()
        self._pending_acks = deque()
        self.inflight = 0
        self.window = window
        self._closed = False
        self._transport = transport
        self._sender = threading.Thread(target=self._send_loop, daemon=True)
        self._acker = threading.Thread(target=self._ack_loop, daemon=True)

    def start(self):
        self._sender.start()
        self._acker.start()

    def close(self):
        with self._cv:
            self._closed = True
            self._cv.notify_all()

    def submit(self, part):
        with self._cv:
            self._parts.append(part)
            self._cv.notify_all()

    def _reserve(self) -> bool:
        with self._cv:
            while self.inflight >= self.window and not self._closed:
                self._cv.wait(timeout=1.0)
            if self._closed:
                return False
            self.inflight += 1
            return True

    def _release(self):
        with self._cv:
            if self.inflight > 0:
                self.inflight -= 1
            self._cv.notify_all()

    def _send_loop(self):
        while True:
            with self._cv:
                while not self._parts and not self._closed:
                    self._cv.wait(timeout=1.0)
                if self._closed:
                    return
                part = self._parts.popleft()
            if not self._reserve():
                return
            self._transport.send(part)

    def _ack_loop(self):
        while True:
            ack = self._transport.receive_ack()
            if ack is None:
                return
            self._release()
