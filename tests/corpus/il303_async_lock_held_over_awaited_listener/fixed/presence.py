"""No finding: `join` changes the set under the asyncio.Lock, copies the hooks, and awaits
them after letting the lock go."""
import asyncio


class Presence:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._online = set()
        self._hooks = []

    def add_hook(self, hook):
        self._hooks.append(hook)

    async def count(self):
        async with self._lock:
            return len(self._online)

    async def join(self, user):
        async with self._lock:
            self._online.add(user)
            hooks = list(self._hooks)
        for hook in hooks:
            await hook(user)

    async def leave(self, user):
        async with self._lock:
            self._online.discard(user)


async def run_room(users):
    presence = Presence()

    async def announce(user):
        print(f"{user} joined, {await presence.count()} online")

    presence.add_hook(announce)
    await asyncio.gather(*(presence.join(u) for u in users))
