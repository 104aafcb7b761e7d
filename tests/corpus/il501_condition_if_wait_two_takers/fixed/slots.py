import threading


class JobSlots:
    def __init__(self):
        self._changed = threading.Condition()
        self.free = 0

    def give_back(self) -> None:
        with self._changed:
            self.free += 1
            self._changed.notify()

    def take(self) -> None:
        with self._changed:
            while self.free <= 0:
                self._changed.wait()
            self.free -= 1
