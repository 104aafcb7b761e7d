"""Lock waits shared by the package."""
import time


def acquire_with_deadline(lock, *, timeout, poll=0.05):
    """Take `lock` within `timeout` seconds (-1: wait for ever); False when the wait ran out."""
    if timeout < 0:
        return lock.acquire()
    deadline = time.monotonic() + timeout
    while not lock.acquire(timeout=poll):
        if time.monotonic() >= deadline:
            return False
    return True
