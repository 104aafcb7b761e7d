"""The credit is taken before the await: no other request runs between the check and the write."""
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
    if websocket.app.state.credits <= 0:
        await websocket.close()
        return
    websocket.app.state.credits -= 1
    answer = await upstream(prompt)
    await websocket.send_text(answer)
