import threading


class ModelShelf:
    def __init__(self):
        self._lock = threading.Lock()
        self._warm = False
        self.mounted = 0
        self.slots = 1

    def prepare(self) -> bool:
        if self._warm or self._mount():
            return True
        return False

    def _mount(self) -> bool:
        if self.mounted >= self.slots:
            return False
        with self._lock:
            self.mounted += 1
            self._warm = True
        return True
