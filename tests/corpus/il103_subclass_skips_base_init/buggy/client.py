import threading


class Client:
    """Shared by every thread of the program: each command takes its own connection, and the
    one connection a client may keep is swapped under the lock."""

    def __init__(self, pool):
        self.pool = pool
        self._conn_lock = threading.Lock()
        self._conn = None

    def execute(self, *args):
        with self._conn_lock:
            conn = self._conn or self.pool.get()
            self._conn = conn
        return conn.send(args)

    def batch(self):
        return Batch(self.pool)


class Batch(Client):
    """A batch that runs the client's `__init__`, so it owns the client's lock and is meant to be
    shared: yet it queues and sends its commands without that lock."""

    def __init__(self, pool):
        super().__init__(pool)
        self.commands = []

    def execute(self, *args):
        self.commands.append(args)
        return self

    def flush(self):
        commands, self.commands = self.commands, []
        return self.pool.get().send_all(commands)


def worker(client, n):
    batch = client.batch()
    for i in range(n):
        batch.execute("SET", i, i)
    batch.flush()
    client.execute("PING")
