import asyncio

from fastapi import FastAPI, HTTPException

app = FastAPI()


class Kitchen:
    def __init__(self, ovens: int):
        self.ovens = ovens
        self.baking = 0


kitchen = Kitchen(ovens=4)


async def preheat(order_id: int) -> None:
    await asyncio.sleep(0.2)


@app.post("/bake/{order_id}")
async def bake(order_id: int):
    if kitchen.baking >= kitchen.ovens:
        raise HTTPException(503, "all ovens busy")
    await preheat(order_id)
    kitchen.baking += 1
    return {"order": order_id}
