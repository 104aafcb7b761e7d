"""IL101 on `Tailer.lines`: `main` starts the `Tailer` thread and then rebinds `t.lines` to
None while `run` iterates it: the thread may walk the list as it disappears (TypeError)."""
import threading
import time


class Tailer(threading.Thread):
    def __init__(self, lines):
        super().__init__(daemon=True)
        self.lines = lines
        self.seen = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for line in self.lines:
                print(line)
            time.sleep(0.1)


def main():
    t = Tailer(["a", "b"])
    t.start()
    time.sleep(1)
    t.lines = None
    t.done.set()
    t.join()


if __name__ == "__main__":
    main()
