"""Workers built in a list literal and started one thread each in a `for` loop: each adds its
own count to the module's total under the module's lock; each worker's own count is its own."""
import threading

TOTAL = 0
_total_lock = threading.Lock()


class Worker:
    def __init__(self, n):
        self.n = n
        self.done = 0

    def run(self):
        global TOTAL
        for _ in range(self.n):
            self.done += 1
        with _total_lock:
            TOTAL += self.done


def main():
    workers = [Worker(10), Worker(20), Worker(30)]
    threads = []
    for w in workers:
        t = threading.Thread(target=w.run)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    print(TOTAL, [w.done for w in workers])


if __name__ == "__main__":
    main()
