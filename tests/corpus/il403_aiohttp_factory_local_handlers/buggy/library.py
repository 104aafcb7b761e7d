"""IL403: the app factory builds a `Lending` desk as a local and registers its bound methods
(`add_routes([web.post(...)])`, `router.add_route("POST", ...)`); `lend` checks that the book is
on the shelf, awaits the member check, then takes it: two requests can both lend one copy."""
import asyncio

from aiohttp import web


async def member_in_good_standing(member: str) -> bool:
    await asyncio.sleep(0.05)
    return True


class Lending:
    def __init__(self) -> None:
        self.shelf: set[str] = {"dune", "emma", "ulysses"}

    async def lend(self, request: web.Request) -> web.Response:
        book = request.match_info["book"]
        if book not in self.shelf:
            return web.json_response({"lent": False}, status=409)
        if not await member_in_good_standing(request.match_info["member"]):
            return web.json_response({"lent": False}, status=403)
        self.shelf.remove(book)
        return web.json_response({"lent": True})

    async def give_back(self, request: web.Request) -> web.Response:
        self.shelf.add(request.match_info["book"])
        return web.json_response({"returned": True})


def build_app() -> web.Application:
    desk = Lending()
    web_app = web.Application()
    web_app.add_routes([web.post("/lend/{book}/{member}", desk.lend)])
    web_app.router.add_route("POST", "/return/{book}", desk.give_back)
    return web_app
