"""The body is read first; the check and the sale run with no await between them."""
from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.responses import JSONResponse
from starlette.routing import Route

remaining = 100


class Checkout(HTTPEndpoint):
    async def get(self, request):
        return JSONResponse({"remaining": remaining})

    async def post(self, request):
        global remaining
        order = await request.json()
        if order["seats"] > remaining:
            return JSONResponse({"error": "sold out"}, status_code=409)
        remaining -= order["seats"]
        return JSONResponse({"remaining": remaining})


app = Starlette(routes=[Route("/checkout", Checkout)])
