"""The miss and the fill happen under the asyncio lock kept in the app's state."""
import asyncio

from fastapi import APIRouter, Request

router = APIRouter()


async def supplier_price(sku: str) -> float:
    await asyncio.sleep(0.2)
    return 9.99


@router.get("/price/{sku}")
async def price(sku: str, request: Request):
    async with request.app.state.prices_lock:
        if sku not in request.app.state.prices:
            quote = await supplier_price(sku)
            request.app.state.prices[sku] = quote
        return {"sku": sku, "price": request.app.state.prices[sku]}
