"""A price board: `publish` starts a quote task per symbol and waits for them with
`asyncio.wait(..., timeout=2)`; on a timeout the slow quotes are still running when it walks
`quotes` and awaits each broadcast, so they add to the dict during the walk."""
import asyncio


class PriceBoard:
    def __init__(self, symbols, feed, hub):
        self.symbols = list(symbols)
        self.feed = feed
        self.hub = hub
        self.quotes = {}

    async def _quote(self, symbol):
        self.quotes[symbol] = await self.feed.last_price(symbol)

    async def publish(self):
        tasks = [asyncio.create_task(self._quote(s)) for s in self.symbols]
        await asyncio.wait(tasks, timeout=2)
        for symbol, price in self.quotes.items():
            await self.hub.broadcast({"symbol": symbol, "price": price})
