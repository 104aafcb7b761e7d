import threading


class Client:
    """Shared by every thread of the program: the one connection it may keep is swapped under
    the lock. `ping` and `close` are written against `execute` and `reset`, which a subclass may
    override."""

    def __init__(self, pool):
        self.pool = pool
        self._conn_lock = threading.Lock()
        self._conn = None

    def execute(self, *args):
        with self._conn_lock:
            conn = self._conn or self.pool.get()
            self._conn = conn
        return conn.send(args)

    def ping(self):
        return self.execute("PING")

    def close(self):
        self.reset()

    def reset(self):
        with self._conn_lock:
            self._conn = None

    def batch(self):
        return Batch(self.pool)


class Batch(Client):
    """A batch of commands that one caller fills and sends. Its `__init__` never runs the
    client's: it has no lock, is not shared, and the client's `ping` and `close` queue into and
    clear this caller's own list."""

    def __init__(self, pool):
        self.pool = pool
        self.commands = []

    def execute(self, *args):
        self.commands.append(args)
        return self

    def reset(self):
        self.commands = []

    def flush(self):
        commands, self.commands = self.commands, []
        return self.pool.get().send_all(commands)
