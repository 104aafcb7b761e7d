"""A lock shared by the threads of one process, then a retry for the other processes."""
import os
import threading
import time
from contextlib import contextmanager

_mutex = threading.Lock()


@contextmanager
def exclusive(path, timeout=10.0):
    if not _mutex.acquire(timeout=timeout):
        raise TimeoutError(path)
    try:
        while True:
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL)
                break
            except FileExistsError:
                time.sleep(0.1)          # another process holds the marker
        try:
            yield
        finally:
            os.close(fd)
            os.unlink(path)
    finally:
        _mutex.release()
