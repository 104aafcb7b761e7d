"""Silent: a serial scale driver calls `_on_reading` on its own reader thread, and that method
only hands each reading to the event loop with `call_soon_threadsafe`. `_record` then runs on
the loop, like every public method of `ScaleFeed` (all called from coroutines), so the list of
readings and the watchers are only ever touched on the loop thread."""
import asyncio


class ScaleFeed:
    def __init__(self, loop, driver):
        self.loop = loop
        self.readings = []
        self.watchers = []
        driver.add_reading_callback(self._on_reading)

    def _on_reading(self, grams):
        self.loop.call_soon_threadsafe(self._record, float(grams))

    def _record(self, grams):
        self.readings.append(grams)
        del self.readings[:-100]
        for fut in self.watchers:
            if not fut.done():
                fut.set_result(grams)
        self.watchers.clear()

    def watch(self):
        fut = self.loop.create_future()
        self.watchers.append(fut)
        return fut

    def average(self):
        recent = self.readings[-10:]
        return sum(recent) / len(recent) if recent else 0.0


async def monitor(feed: ScaleFeed):
    while True:
        grams = await feed.watch()
        print(f"{grams:.1f} g, average {feed.average():.1f} g")


async def main(driver):
    await monitor(ScaleFeed(asyncio.get_running_loop(), driver))
