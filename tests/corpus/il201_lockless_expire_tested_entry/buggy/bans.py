"""IL201: `ban()` records when a ban ends and arms a one-shot timer for it; the timer's
`_lift()` tests that end and then deletes the entry, with no lock between the test and the
delete. If `ban()` extends the ban of the same address in between, `_lift()` deletes the fresh
entry and the address is let in early. (`ban()`'s own store, unguarded beside the timer's
read, is the plain race.)"""
import threading
import time


class BanList:
    def __init__(self):
        self._until = {}

    def ban(self, addr: str, seconds: float) -> None:
        self._until[addr] = time.monotonic() + seconds
        threading.Timer(seconds, self._lift, args=(addr,)).start()

    def _lift(self, addr: str) -> None:
        if self._until[addr] <= time.monotonic():
            del self._until[addr]


def guard(bans: BanList, offenders) -> None:
    for addr, secs in offenders:
        bans.ban(addr, secs)


def main() -> None:
    bans = BanList()
    worker = threading.Thread(target=guard, args=(bans, [("10.0.0.1", 0.5), ("10.0.0.1", 2.0)]))
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
