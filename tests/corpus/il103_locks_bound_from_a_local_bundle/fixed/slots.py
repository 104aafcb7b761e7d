import threading


class _Sync:
    def __init__(self):
        self.mutex = threading.Lock()
        self.changed = threading.Condition(self.mutex)


class SlotTable:
    def __init__(self, size):
        sync = _Sync()
        self._lock = sync.mutex
        self._changed = sync.changed
        self.free = list(range(size))
        self.claims = 0

    def claim(self):
        with self._changed:
            while not self.free:
                self._changed.wait()
            self.claims += 1
            return self.free.pop()

    def release(self, slot):
        with self._lock:
            self.free.append(slot)
            self._changed.notify()


def user(table):
    for _ in range(5):
        table.release(table.claim())


if __name__ == "__main__":
    t = SlotTable(2)
    for _ in range(3):
        threading.Thread(target=user, args=(t,)).start()
