"""IL403 on `shop.stock`: Tornado builds a `BuyHandler` per request and runs its coroutine `post`
on the IOLoop; it reads the stock, awaits the payment, then writes back the value it read minus
one, so two purchases during one payment sell the same item. (`StockHandler.get` is a plain
method: it runs on the loop from start to end, and its update is atomic.)"""
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
        left = stock
        if left <= 0:
            raise tornado.web.HTTPError(409)
        await charge(self.get_argument("card"))
        stock = left - 1
        self.write({"left": stock})


class StockHandler(tornado.web.RequestHandler):
    def get(self):
        global views
        views += 1
        self.write({"left": stock, "views": views})


def make_app():
    return tornado.web.Application([(r"/buy", BuyHandler), (r"/stock", StockHandler)])
