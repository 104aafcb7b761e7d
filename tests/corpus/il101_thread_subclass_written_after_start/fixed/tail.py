"""Fixed twin: `main` sets `t.lines` before it starts the thread, and clears it only after the
thread is joined."""
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
    t = Tailer([])
    t.lines = ["a", "b"]
    t.start()
    time.sleep(1)
    t.done.set()
    t.join()
    t.lines = None


if __name__ == "__main__":
    main()
