"""Silent: `close` sets the flag and notifies under the lock, then joins after releasing it.
An encoder that reaches `wait_for` after the notification finds its predicate already true
(`_closed`) and returns without waiting, so every join completes."""
import threading


class EncoderPool:
    def __init__(self, encode, count=2):
        self._encode = encode
        self._cond = threading.Condition()
        self._chunks = []
        self._closed = False
        self._encoders = [threading.Thread(target=self._run) for _ in range(count)]
        for encoder in self._encoders:
            encoder.start()

    def feed(self, chunk):
        with self._cond:
            self._chunks.append(chunk)
            self._cond.notify()

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for encoder in self._encoders:
            encoder.join()

    def _run(self):
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._chunks or self._closed)
                if not self._chunks:
                    return
                chunk = self._chunks.pop(0)
            self._encode(chunk)
