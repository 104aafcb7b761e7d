from fetcher import FeedFetcher


class Dashboard:
    def __init__(self):
        self.fetcher = FeedFetcher(self.refresh)

    def refresh(self, url):
        print(url, self.fetcher.ready_count())
