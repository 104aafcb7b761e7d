"""IL403 on `app.state.credits`: each request reads the credits left in the app's state, awaits
the upstream call, then writes back the value it read minus one; requests on the same event loop
interleave at the await and a spent credit comes back."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()


async def upstream(prompt: str) -> str:
    await asyncio.sleep(0.1)
    return prompt.upper()


@app.on_event("startup")
async def startup() -> None:
    app.state.credits = 100


@app.websocket("/ws")
async def complete(websocket: WebSocket):
    await websocket.accept()
    prompt = await websocket.receive_text()
    left = websocket.app.state.credits
    if left <= 0:
        await websocket.close()
        return
    answer = await upstream(prompt)
    websocket.app.state.credits = left - 1
    await websocket.send_text(answer)
