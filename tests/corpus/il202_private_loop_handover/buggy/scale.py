"""IL202 on `ScaleFeed.watchers`: a serial scale driver calls `_on_reading` on its own reader
thread, and that method walks the watchers right there instead of handing the reading to the
loop; `watch`, called from a coroutine on the loop, appends to the same list meanwhile."""
import asyncio


class ScaleFeed:
    def __init__(self, loop, driver):
        self.loop = loop
        self.readings = []
        self.watchers = []
        driver.add_reading_callback(self._on_reading)

    def _on_reading(self, grams):
        self.loop.call_soon_threadsafe(self._record, float(grams))
        for fut in self.watchers:
            self.loop.call_soon_threadsafe(fut.set_result, float(grams))

    def _record(self, grams):
        self.readings.append(grams)
        del self.readings[:-100]
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
