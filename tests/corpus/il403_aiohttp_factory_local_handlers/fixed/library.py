"""Fixed twin of IL403: the app factory builds a `Lending` desk as a local and registers its bound methods
(`add_routes([web.post(...)])`, `router.add_route("POST", ...)`); `lend` checks that the book is
on the shelf, awaits the member check, then takes it;
here the member is checked first and the shelf check and take have no await between them."""
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
        if not await member_in_good_standing(request.match_info["member"]):
            return web.json_response({"lent": False}, status=403)
        if book not in self.shelf:              # checked and taken with no await between
            return web.json_response({"lent": False}, status=409)
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
