import threading
import time


class BanList:
    def __init__(self):
        self._until = {}
        self._mu = threading.Lock()

    def ban(self, addr: str, seconds: float) -> None:
        with self._mu:
            self._until[addr] = time.monotonic() + seconds
        threading.Timer(seconds, self._lift, args=(addr,)).start()

    def _lift(self, addr: str) -> None:
        with self._mu:
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
