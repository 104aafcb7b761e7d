"""Fixed twin: `take` reads the generation, releases `_state_lock`, then waits on `_cond` alone."""
import threading


class Prebuffer:
    def __init__(self):
        self._state_lock = threading.Lock()
        self._cond = threading.Condition()
        self._chunks = []
        self.generation = 0

    def publish(self, chunk) -> None:
        with self._state_lock:
            self.generation += 1
            with self._cond:
                self._chunks.append(chunk)
                self._cond.notify()

    def take(self):
        with self._state_lock:
            gen = self.generation
        with self._cond:
            while not self._chunks:
                self._cond.wait()
            chunk = self._chunks.pop(0)
        return gen, chunk
