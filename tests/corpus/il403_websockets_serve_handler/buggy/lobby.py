"""IL403 on `lobby.PLAYERS`: `websockets.serve` runs `greet` once per connection, all on one
loop; `greet` checks that the nickname is free, awaits the avatar lookup and then claims it, so
two clients asking for one nickname both get it."""
import asyncio
import json

import websockets

PLAYERS: dict[str, object] = {}


async def fetch_avatar(nick: str) -> str:
    await asyncio.sleep(0.1)
    return f"https://avatars.example.org/{nick}.png"


async def greet(ws):
    nick = json.loads(await ws.recv())["nick"]
    if nick in PLAYERS:
        await ws.send(json.dumps({"error": "taken"}))
        return
    avatar = await fetch_avatar(nick)
    PLAYERS[nick] = ws
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
