import functools
import threading

CALLS: dict = {}
_calls_lock = threading.Lock()


def counted(func):
    @functools.wraps(func)
    def inner(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            with _calls_lock:
                CALLS[func.__name__] = CALLS.get(func.__name__, 0) + 1
    return inner
