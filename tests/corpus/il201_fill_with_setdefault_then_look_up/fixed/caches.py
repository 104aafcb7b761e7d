"""Caches that load outside the lock and keep the first value stored: setdefault, then look it up."""
import asyncio
import json
import threading
import urllib.request


def _download(url):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


class MetadataCache:
    def __init__(self, load):
        self._load = load
        self._lock = threading.Lock()
        self._entries = {}

    def get(self, path):
        with self._lock:
            if path in self._entries:
                return self._entries[path]
        meta = self._load(path)             # slow: not under the lock
        with self._lock:
            self._entries.setdefault(path, meta)
            return self._entries[path]

    def forget(self, path):
        with self._lock:
            self._entries.pop(path, None)


class FeedClient:
    def __init__(self):
        self._feeds = {}
        self._lock = asyncio.Lock()

    async def get(self, url):
        async with self._lock:
            if url in self._feeds:
                return self._feeds[url]
        loop = asyncio.get_running_loop()
        data = await loop.run_in_executor(None, _download, url)
        async with self._lock:
            self._feeds.setdefault(url, data)
            return self._feeds[url]

    async def get_many(self, urls):
        return await asyncio.gather(*(self.get(u) for u in urls))


def warm(cache: MetadataCache, paths):
    threads = [threading.Thread(target=cache.get, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
