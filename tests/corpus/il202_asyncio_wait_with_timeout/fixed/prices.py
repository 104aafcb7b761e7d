"""A price board: `publish` starts a quote task per symbol, each bounded by its own
`asyncio.wait_for`, and waits for all of them (`asyncio.wait` with no timeout) before it walks
`quotes` and broadcasts them."""
import asyncio


class PriceBoard:
    def __init__(self, symbols, feed, hub):
        self.symbols = list(symbols)
        self.feed = feed
        self.hub = hub
        self.quotes = {}

    async def _quote(self, symbol):
        try:
            self.quotes[symbol] = await asyncio.wait_for(self.feed.last_price(symbol), 2)
        except asyncio.TimeoutError:
            pass

    async def publish(self):
        tasks = [asyncio.create_task(self._quote(s)) for s in self.symbols]
        await asyncio.wait(tasks)
        for symbol, price in self.quotes.items():
            await self.hub.broadcast({"symbol": symbol, "price": price})
