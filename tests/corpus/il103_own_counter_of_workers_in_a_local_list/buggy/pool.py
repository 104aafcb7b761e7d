"""Workers built in a list literal and started one thread each in a `for` loop: the threads
race on the module's total, which each adds its own count to, not on each worker's own count."""
import threading

TOTAL = 0


class Worker:
    def __init__(self, n):
        self.n = n
        self.done = 0

    def run(self):
        global TOTAL
        for _ in range(self.n):
            self.done += 1
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
