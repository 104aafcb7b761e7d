"""Fixed: the route reads the table only where `to_thread(table.loaded.wait, 5)` returned True
(the guard clause answers 503 on a timeout): the loader's store happens before the set, the set
before the read. The table comes in through a typed dependency parameter."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException, Request

from rates import RateTable


@asynccontextmanager
async def lifespan(app: FastAPI):
    table = RateTable("https://rates.example/latest.json")
    table.begin()
    app.state.rates = table
    yield


app = FastAPI(lifespan=lifespan)


def rate_table(request: Request) -> RateTable:
    return request.app.state.rates


@app.get("/convert")
async def convert(amount: float, to: str, table: RateTable = Depends(rate_table)):
    if not await asyncio.to_thread(table.loaded.wait, 5):
        raise HTTPException(status_code=503, detail="rates not loaded yet")
    rate = table.rates.get(to.upper())
    if rate is None:
        raise HTTPException(status_code=404, detail="unknown currency")
    return {"amount": round(amount * rate, 2), "currency": to.upper()}
