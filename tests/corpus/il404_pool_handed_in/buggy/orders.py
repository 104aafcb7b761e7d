"""IL404 on `request.app.state.pool`: the handler acquires a connection from the app's pool (a
local annotated `asyncpg.Pool`, taken from `request.app.state`) and releases it after an await;
a client that disconnects cancels the handler at the await and the connection never goes back."""
import asyncpg
from fastapi import FastAPI, Request

app = FastAPI()


@app.on_event("startup")
async def startup():
    app.state.pool = await asyncpg.create_pool("postgresql://app@db/app", max_size=10)


@app.get("/orders/{order_id}")
async def get_order(order_id: int, request: Request):
    pool: asyncpg.Pool = request.app.state.pool
    conn = await pool.acquire()
    row = await conn.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)
    await pool.release(conn)
    return dict(row) if row else None
