"""Silent: `async with pool.acquire()` gives the connection back to the app's pool however the
handler ends, cancellation included."""
import asyncpg
from fastapi import FastAPI, Request

app = FastAPI()


@app.on_event("startup")
async def startup():
    app.state.pool = await asyncpg.create_pool("postgresql://app@db/app", max_size=10)


@app.get("/orders/{order_id}")
async def get_order(order_id: int, request: Request):
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)
    return dict(row) if row else None
