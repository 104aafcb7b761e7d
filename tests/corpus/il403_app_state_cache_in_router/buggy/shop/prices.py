"""IL403 on `app.state.prices`: a request that misses the cache awaits the supplier and then fills
the entry; another request for the same SKU runs at the await, misses too and fetches again, and
the later write replaces the price the first one already served."""
import asyncio

from fastapi import APIRouter, Request

router = APIRouter()


async def supplier_price(sku: str) -> float:
    await asyncio.sleep(0.2)
    return 9.99


@router.get("/price/{sku}")
async def price(sku: str, request: Request):
    if sku not in request.app.state.prices:
        quote = await supplier_price(sku)
        request.app.state.prices[sku] = quote
    return {"sku": sku, "price": request.app.state.prices[sku]}
