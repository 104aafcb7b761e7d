import threading


class Printer:
    """Every printer is listed in one class-level table; the table has its own lock."""

    _table_lock = threading.Lock()
    _by_name = {}

    def __init__(self, name):
        self._mu = threading.Lock()
        self.name = name
        self.jobs = 0

    @classmethod
    def enroll(cls, name):
        printer = cls(name)
        with cls._table_lock:
            cls._by_name[name] = printer
        return printer

    @classmethod
    def lookup(cls, name):
        with cls._table_lock:
            return cls._by_name.get(name)

    def retire(self):
        with self._mu:
            self.jobs = 0
        with Printer._table_lock:
            Printer._by_name.pop(self.name, None)


def spooler(n):
    Printer.enroll(f"p{n}")
    Printer.lookup(f"p{n}").retire()


for n in range(3):
    threading.Thread(target=spooler, args=(n,)).start()
