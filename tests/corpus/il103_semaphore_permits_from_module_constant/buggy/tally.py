import threading

MAX_WRITERS = 2


class Tally:
    def __init__(self):
        self._gate = threading.Semaphore(MAX_WRITERS)
        self.total = 0

    def add(self, n):
        with self._gate:
            self.total += n


def feed(tally):
    for i in range(100):
        tally.add(i)


def main():
    tally = Tally()
    workers = [threading.Thread(target=feed, args=(tally,)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(tally.total)


if __name__ == "__main__":
    main()
