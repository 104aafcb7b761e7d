"""Silent: `Client.pipeline()` builds a new `Pipeline` on every call, and `transaction` keeps the
one it gets (`pipe: Pipeline` declares the local, `async with` binds it) to itself. The pipeline
checks a connection out of the pool on first use, across an await; two tasks in `transaction`
do that on two pipelines, so neither overwrites the other's connection."""
import asyncio


class Client:
    """Shared by every task of the program."""

    def __init__(self, pool) -> None:
        self.pool = pool
        self._lock = asyncio.Lock()
        self.connection = None

    async def execute(self, *args):
        async with self._lock:
            conn = await self.pool.get_connection()
        try:
            return await conn.send(args)
        finally:
            await self.pool.release(conn)

    def pipeline(self) -> "Pipeline":
        return Pipeline(self.pool)

    async def transaction(self, fill, *watches):
        pipe: Pipeline
        async with self.pipeline() as pipe:
            if watches:
                await pipe.watch(*watches)
            fill(pipe)
            return await pipe.execute()


class Pipeline(Client):
    """Commands one caller stages and then sends on a connection it keeps until `reset`."""

    def __init__(self, pool) -> None:
        self.pool = pool
        self.connection = None
        self.commands: list = []

    async def __aenter__(self) -> "Pipeline":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.reset()

    def stage(self, *args) -> "Pipeline":
        self.commands.append(args)
        return self

    async def watch(self, *keys) -> None:
        conn = self.connection
        if not conn:
            conn = await self.pool.get_connection()
            self.connection = conn
        await conn.send(("WATCH", *keys))

    async def reset(self) -> None:
        self.commands = []
        if self.connection:
            await self.pool.release(self.connection)
            self.connection = None

    async def execute(self):
        commands = self.commands
        conn = self.connection
        if not conn:
            conn = await self.pool.get_connection()
            self.connection = conn
        try:
            return await conn.send_all(commands)
        finally:
            await self.reset()
