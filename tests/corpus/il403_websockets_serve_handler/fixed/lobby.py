import asyncio
import json

import websockets

PLAYERS: dict[str, object] = {}


async def fetch_avatar(nick: str) -> str:
    await asyncio.sleep(0.1)
    return f"https://avatars.example.org/{nick}.png"


async def greet(ws):
    nick = json.loads(await ws.recv())["nick"]
    if PLAYERS.setdefault(nick, ws) is not ws:
        await ws.send(json.dumps({"error": "taken"}))
        return
    avatar = await fetch_avatar(nick)
    try:
        await ws.send(json.dumps({"avatar": avatar}))
        async for message in ws:
            websockets.broadcast(set(PLAYERS.values()), message)
    finally:
        PLAYERS.pop(nick, None)


async def main():
    async with websockets.serve(greet, "0.0.0.0", 8765):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
