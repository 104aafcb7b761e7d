"""aiohttp front end: one request per bid, any number at once."""
from aiohttp import web

from auction import AuctionDesk, Ledger


async def place_bid(request: web.Request) -> web.Response:
    desk: AuctionDesk = request.app["desk"]
    body = await request.json()
    accepted = await desk.submit(body["lot"], int(body["amount"]))
    return web.json_response({"accepted": accepted})


async def show_lot(request: web.Request) -> web.Response:
    desk: AuctionDesk = request.app["desk"]
    return web.json_response({"highest": desk.standing(request.match_info["lot"])})


def build_app(db) -> web.Application:
    app = web.Application()
    app["desk"] = AuctionDesk(Ledger(db))
    app.router.add_post("/bids", place_bid)
    app.router.add_get("/lots/{lot}", show_lot)
    return app
