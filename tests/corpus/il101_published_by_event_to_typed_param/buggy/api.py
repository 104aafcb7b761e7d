"""The route waits up to 5 s for `table.loaded` but drops the result: on a timeout it reads the
table while the loader thread may be storing it (the empty placeholder or the new table)."""
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
    await asyncio.to_thread(table.loaded.wait, 5)
    rate = table.rates.get(to.upper())
    if rate is None:
        raise HTTPException(status_code=404, detail="unknown currency")
    return {"amount": round(amount * rate, 2), "currency": to.upper()}
