"""One process-wide lock for the tally tables, handed out by a module-level `@contextmanager`."""
import threading
from contextlib import contextmanager

_TALLY_LOCK = threading.Lock()


@contextmanager
def tally_locked():
    _TALLY_LOCK.acquire()
    try:
        yield
    finally:
        _TALLY_LOCK.release()
