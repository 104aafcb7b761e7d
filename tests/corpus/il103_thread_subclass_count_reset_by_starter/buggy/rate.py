"""IL103 on `Fetcher.done`: the `Fetcher` thread counts with `self.done += 1` while `main`, which
started it, resets `f.done = 0` once a second to print a rate: the reset may fall between the
thread's read and write and be lost."""
import threading
import time


class Fetcher(threading.Thread):
    def __init__(self, urls):
        super().__init__()
        self.urls = urls
        self.done = 0

    def run(self):
        for url in self.urls:
            time.sleep(0.01)           # fetch `url`
            self.done += 1


def main():
    f = Fetcher([f"https://example.org/{i}" for i in range(500)])
    f.start()
    while f.is_alive():
        time.sleep(1.0)
        print(f"{f.done} files/s")
        f.done = 0
    f.join()


if __name__ == "__main__":
    main()
