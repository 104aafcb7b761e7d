"""websockets quiz: `asyncio.wait_for(self.ws.recv(), 30)` awaits a coroutine, it does not block;
the pause between questions does."""
import asyncio
import json
import time

import websockets

QUESTIONS = [("2+2", "4"), ("3*3", "9")]


class Session:
    def __init__(self, ws):
        self.ws = ws
        self.score = 0

    async def ask(self, question, answer):
        await self.ws.send(json.dumps({"q": question}))
        reply = await asyncio.wait_for(self.ws.recv(), timeout=30)
        if reply.strip() == answer:
            self.score += 1
        await asyncio.sleep(0.5)


async def play(ws):
    session = Session(ws)
    for q, a in QUESTIONS:
        await session.ask(q, a)
    await asyncio.shield(ws.send(json.dumps({"score": session.score})))


async def main():
    async with websockets.serve(play, "0.0.0.0", 8600):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
