"""A watchdog thread runs the closure a factory returns; the closure copies the registry the
factory was handed under its lock while the main thread adds and removes entries."""
import threading
import time


class Registry:
    def __init__(self):
        self.lock = threading.Lock()
        self.started = {}

    def add(self, pid):
        with self.lock:
            self.started[pid] = time.time()

    def remove(self, pid):
        with self.lock:
            del self.started[pid]


def make_checker(reg: Registry, limit: float):
    def check():
        while True:
            with reg.lock:
                items = list(reg.started.items())
            for pid, t in items:
                if time.time() - t > limit:
                    print("slow", pid)
            time.sleep(1)
    return check


def main():
    reg = Registry()
    threading.Thread(target=make_checker(reg, 10.0), daemon=True).start()
    for i in range(10):
        reg.add(i)
        reg.remove(i)


if __name__ == "__main__":
    main()
