"""Crawl workers kept in a local list, one thread on each (`Thread(target=c.run) for c in
crawlers`): each thread runs on its own worker, so the workers' own counters do not race, while
the id counter the `Task` class keeps for every instance is shared by all of them."""
import itertools
import queue
import threading


class Task:
    _ids = itertools.count(1)

    def __init__(self, url):
        self.id = self._new_id()
        self.url = url

    @classmethod
    def _new_id(cls):
        return next(cls._ids)


class Crawler:
    def __init__(self, name, frontier, results):
        self.name = name
        self.frontier = frontier
        self.results = results
        self.fetched = 0

    def run(self):
        while True:
            url = self.frontier.get()
            if url is None:
                return
            self.fetched += 1
            self.results.put(Task(url))


def crawl(urls, nworkers=4):
    frontier, results = queue.Queue(), queue.Queue()
    for u in urls:
        frontier.put(u)
    crawlers = [Crawler(f"c{i}", frontier, results) for i in range(nworkers)]
    threads = [threading.Thread(target=c.run, name=c.name) for c in crawlers]
    for t in threads:
        t.start()
    for _ in threads:
        frontier.put(None)
    for t in threads:
        t.join()
    return sum(c.fetched for c in crawlers)


if __name__ == "__main__":
    crawl(["a", "b", "c"])
