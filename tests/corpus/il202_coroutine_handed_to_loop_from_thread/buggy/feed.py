"""A market feed: a socket reader thread stores each tick straight into the table the event loop
walks for its snapshots."""
import asyncio
import threading


class Feed:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.latest: dict[str, float] = {}

    def on_tick(self, symbol: str, price: float) -> None:
        """Called on the reader thread."""
        self.latest[symbol] = price             # changes the dict snapshot() walks on the loop

    async def snapshot(self) -> dict[str, float]:
        return {s: p for s, p in self.latest.items()}


def read_ticks(feed: Feed) -> None:
    for i in range(100):
        feed.on_tick("ACME", 100.0 + i)


async def main() -> None:
    feed = Feed(asyncio.get_running_loop())
    threading.Thread(target=read_ticks, args=(feed,), daemon=True).start()
    for _ in range(10):
        print(await feed.snapshot())
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(main())
