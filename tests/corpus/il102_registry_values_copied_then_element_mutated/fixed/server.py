"""Per-connection feeds kept in a registry the WebSocket handler fills; a producer thread walks a
copy of the registry and hands each feed an item through `push`, which takes the feed's lock."""
import asyncio
import threading
import time

import websockets

FEEDS = {}


class Feed:
    def __init__(self, ws):
        self.ws = ws
        self._lock = threading.Lock()
        self.backlog = []
        self.paused = False

    def push(self, item):
        with self._lock:
            self.backlog.append(item)

    async def drain(self):
        while True:
            await asyncio.sleep(0.1)
            if self.paused:
                continue
            with self._lock:
                batch, self.backlog = self.backlog, []
            for item in batch:
                await self.ws.send(item)


async def handler(ws):
    feed = Feed(ws)
    FEEDS[id(ws)] = feed
    try:
        await feed.drain()
    finally:
        FEEDS.pop(id(ws), None)


def producer():
    n = 0
    while True:
        time.sleep(1)
        n += 1
        for feed in list(FEEDS.values()):
            feed.push(f"tick {n}")


async def main():
    threading.Thread(target=producer, daemon=True).start()
    async with websockets.serve(handler, "", 8765):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
