"""IL103 on `Tally.passed`: the script's main block calls the unlocked `carry` while the checker
threads still run `record`, so one of the two increments can be lost."""
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
    tally.carry(4)                  # the checkers are still running
    for c in checkers:
        c.join()
    print(tally.summary())
