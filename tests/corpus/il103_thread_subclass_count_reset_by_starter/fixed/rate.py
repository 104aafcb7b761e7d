"""Fixed twin: the thread counts and `main` takes and resets the count under one lock."""
import threading
import time


class Fetcher(threading.Thread):
    def __init__(self, urls):
        super().__init__()
        self.urls = urls
        self.lock = threading.Lock()
        self.done = 0

    def run(self):
        for url in self.urls:
            time.sleep(0.01)           # fetch `url`
            with self.lock:
                self.done += 1

    def take(self):
        with self.lock:
            n, self.done = self.done, 0
        return n


def main():
    f = Fetcher([f"https://example.org/{i}" for i in range(500)])
    f.start()
    while f.is_alive():
        time.sleep(1.0)
        print(f"{f.take()} files/s")
    f.join()


if __name__ == "__main__":
    main()
