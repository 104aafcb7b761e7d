"""A helper handed the workers as an annotated list starts one thread on each
(`[Thread(target=w.run) for w in workers]`): each thread counts on its own worker, and all of
them add to the module's total."""
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


def start_all(workers: list[Worker]) -> list[threading.Thread]:
    threads = [threading.Thread(target=w.run) for w in workers]
    for t in threads:
        t.start()
    return threads


def main():
    for t in start_all([Worker(i) for i in range(3)]):
        t.join()
    print(TOTAL)


if __name__ == "__main__":
    main()
