"""IL403 on `tickets.remaining`: Starlette calls the `post` of the `Checkout` endpoint class for
every request; it reads the seats left, awaits the request body, then writes back the value it
read minus the order, so two concurrent checkouts both sell the same seats."""
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
        left = remaining
        order = await request.json()
        if order["seats"] > left:
            return JSONResponse({"error": "sold out"}, status_code=409)
        remaining = left - order["seats"]
        return JSONResponse({"remaining": remaining})


app = Starlette(routes=[Route("/checkout", Checkout)])
