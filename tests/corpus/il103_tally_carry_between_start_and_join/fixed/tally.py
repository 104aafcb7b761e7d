"""Silent: the script's main block calls `carry` before it starts the checkers and again after
it has joined them all, so the unlocked `carry` never overlaps `record`; nothing else calls it."""
import threading


class Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self.passed = 0
        self.failed = 0

    def record(self, ok):
        with self._lock:
            if ok:
                self.passed += 1
            else:
                self.failed += 1

    def carry(self, earlier_passed):
        self.passed += earlier_passed

    def summary(self):
        with self._lock:
            return f"{self.passed} passed, {self.failed} failed"


def check(tally, item):
    tally.record(item % 3 != 0)


if __name__ == "__main__":
    tally = Tally()
    tally.carry(10)
    checkers = [threading.Thread(target=check, args=(tally, i)) for i in range(8)]
    for c in checkers:
        c.start()
    for c in checkers:
        c.join()
    tally.carry(4)
    print(tally.summary())
