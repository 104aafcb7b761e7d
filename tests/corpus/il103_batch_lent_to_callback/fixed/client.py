import threading


class Client:
    """Shared by every thread of the program. `transaction` builds a batch of its own for each
    call, lends it to the caller's callback to fill, and sends it."""

    def __init__(self, pool):
        self.pool = pool
        self._conn_lock = threading.Lock()
        self._conn = None

    def execute(self, *args):
        with self._conn_lock:
            conn = self._conn or self.pool.get()
            self._conn = conn
        return conn.send(args)

    def batch(self) -> "Batch":
        return Batch(self.pool)

    def transaction(self, fill):
        batch = self.batch()
        fill(batch)
        return batch.flush()


class Batch:
    """Commands one caller queues and then sends."""

    def __init__(self, pool):
        self.pool = pool
        self.commands = []

    def add(self, *args):
        self.commands.append(args)

    def flush(self):
        commands, self.commands = self.commands, []
        return self.pool.get().send_all(commands)
