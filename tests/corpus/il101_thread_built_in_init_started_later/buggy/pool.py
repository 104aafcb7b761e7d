"""IL101 on `WorkerPool.poll`: the pool builds its workers in a comprehension and starts them in
`start`, which stores the poll timeout the workers wait with only after the loop that starts
them: a worker may wait on the old timeout."""
import queue
import threading


class WorkerPool:
    def __init__(self, size, handler):
        self.handler = handler
        self.poll = 1.0
        self._jobs = queue.Queue()
        self._workers = [threading.Thread(target=self._work, daemon=True) for _ in range(size)]

    def start(self, poll):
        for worker in self._workers:
            worker.start()
        self.poll = poll

    def _work(self):
        while True:
            try:
                job = self._jobs.get(timeout=self.poll)
            except queue.Empty:
                continue
            if job is None:
                break
            self.handler(job)

    def put(self, job):
        self._jobs.put(job)

    def close(self):
        for _ in self._workers:
            self._jobs.put(None)
        for worker in self._workers:
            worker.join()


def main():
    pool = WorkerPool(4, print)
    pool.start(0.1)
    for n in range(10):
        pool.put(n)
    pool.close()


if __name__ == "__main__":
    main()
