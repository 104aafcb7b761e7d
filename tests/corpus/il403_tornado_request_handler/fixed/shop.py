"""The item is taken before the await and given back when the payment fails."""
import asyncio

import tornado.web

stock = 10
views = 0


async def charge(card: str) -> bool:
    await asyncio.sleep(0.2)
    return bool(card)


class BuyHandler(tornado.web.RequestHandler):
    async def post(self):
        global stock
        if stock <= 0:
            raise tornado.web.HTTPError(409)
        stock -= 1
        if not await charge(self.get_argument("card")):
            stock += 1
            raise tornado.web.HTTPError(402)
        self.write({"left": stock})


class StockHandler(tornado.web.RequestHandler):
    def get(self):
        global views
        views += 1
        self.write({"left": stock, "views": views})


def make_app():
    return tornado.web.Application([(r"/buy", BuyHandler), (r"/stock", StockHandler)])
