"""IL101: `Batcher` keeps one pipeline in a field: its public `add` (any thread) stages commands
into it while its flusher thread runs `execute`, whose `reset` replaces the command list with no
lock: commands staged in between are lost. (`Client.transaction`'s pipelines, a new one per
call that the call keeps to itself, race with nothing.)"""
import threading
import time


class Lock:
    def __init__(self, client: "Client", name: str) -> None:
        self.client = client
        self.name = name

    def acquire(self) -> bool:
        return self.client.execute("SET", self.name, "1", "NX") is not None


class Client:
    """Shared by every thread of the program."""

    def __init__(self, pool, retry) -> None:
        self.pool = pool
        self.retry = retry
        self._conn_lock = threading.RLock()
        self.connection = None

    def execute(self, *args):
        conn = self.pool.get_connection()
        try:
            return self.retry.call(lambda: conn.send(args))
        finally:
            self.pool.release(conn)

    def lock(self, name: str) -> Lock:
        return Lock(self, name)

    def pipeline(self) -> "Pipeline":
        return Pipeline(self.pool, self.retry)

    def transaction(self, fill, *watches):
        with self.pipeline() as pipe:
            if watches:
                pipe.watch(*watches)
            fill(pipe)
            return pipe.execute()


class Pipeline(Client):
    """Commands one caller queues and then sends on a connection it keeps until `reset`."""

    def __init__(self, pool, retry) -> None:
        self.pool = pool
        self.retry = retry
        self.connection = None
        self.commands: list = []
        self.watching = False

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.reset()

    def stage(self, *args) -> "Pipeline":
        self.commands.append(args)
        return self

    def watch(self, *keys) -> None:
        if self.connection is None:
            self.connection = self.pool.get_connection()
        self.connection.send(("WATCH", *keys))
        self.watching = True

    def reset(self) -> None:
        self.commands = []
        self.watching = False
        if self.connection is not None:
            self.pool.release(self.connection)
            self.connection = None

    def execute(self):
        commands = self.commands
        conn = self.connection
        if conn is None:
            conn = self.pool.get_connection()
            self.connection = conn
        try:
            return self.retry.call(lambda: conn.send_all(commands))
        finally:
            self.reset()


class Batcher:
    """Queues writes from any thread into one pipeline and flushes it from its own thread."""

    def __init__(self, client: Client) -> None:
        self.pipe = Pipeline(client.pool, client.retry)
        self._flusher = threading.Thread(target=self._flush_loop, daemon=True)
        self._flusher.start()

    def add(self, *args) -> None:
        self.pipe.stage(*args)

    def _flush_loop(self) -> None:
        while True:
            time.sleep(1.0)
            self.pipe.execute()
