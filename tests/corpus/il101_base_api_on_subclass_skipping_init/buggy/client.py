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
    """A batch that runs the client's `__init__`: it owns the client's lock and is shared like a
    client, yet `ping` (through `execute`) queues and `close` (through `reset`) clears its list
    without that lock."""

    def __init__(self, pool):
        super().__init__(pool)
        self.commands = []

    def execute(self, *args):
        self.commands.append(args)
        return self

    def reset(self):
        self.commands = []

    def flush(self):
        commands, self.commands = self.commands, []
        return self.pool.get().send_all(commands)
