"""IL403: `Batcher` keeps one pipeline in a field. Its public `watch_key` (a task per caller) and
its flusher task both run the pipeline's check-out on first use: read `connection`, await the
pool, store the connection. Two tasks that find no connection both check one out, and the second
store drops the first, which never goes back to the pool. (`Client.transaction`'s pipelines, a
new one per call that the call keeps to itself, race with nothing.)"""
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


class Batcher:
    """Watches keys and flushes staged commands on one pipeline it keeps."""

    def __init__(self, client: Client) -> None:
        self.pipe = Pipeline(client.pool)
        self._task = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._flush_loop())

    async def watch_key(self, key) -> None:
        await self.pipe.watch(key)

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            await self.pipe.execute()
