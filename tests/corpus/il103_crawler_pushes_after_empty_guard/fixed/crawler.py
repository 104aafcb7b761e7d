"""Fixed twin: the page count is taken under the frontier lock too."""
import threading
import urllib.request


class Frontier:
    def __init__(self, seeds):
        self.lock = threading.Lock()
        self.todo = list(seeds)
        self.seen = set(seeds)
        self.pages = 0


class CrawlThread(threading.Thread):
    def __init__(self, frontier: Frontier):
        super().__init__(daemon=True)
        self.frontier = frontier

    def run(self):
        while True:
            with self.frontier.lock:
                if not self.frontier.todo:
                    return
                url = self.frontier.todo.pop()
            try:
                body = urllib.request.urlopen(url, timeout=5).read()
            except OSError:
                continue
            with self.frontier.lock:
                self.frontier.pages += 1
            for link in body.decode(errors="ignore").split('href="')[1:]:
                link = link.split('"', 1)[0]
                with self.frontier.lock:
                    if link not in self.frontier.seen:
                        self.frontier.seen.add(link)
                        self.frontier.todo.append(link)


def crawl(seeds, n=4):
    frontier = Frontier(seeds)
    threads = [CrawlThread(frontier) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return frontier.pages
