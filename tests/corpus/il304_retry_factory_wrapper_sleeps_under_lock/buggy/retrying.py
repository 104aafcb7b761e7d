"""Retry helpers shared by the service's clients."""
import functools
import logging
import time

log = logging.getLogger(__name__)


def retry(attempts=3, backoff=0.5, on=(ConnectionError, TimeoutError)):
    """Call the function again after a growing pause when it raises one of `on`."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for n in range(attempts - 1):
                try:
                    return func(*args, **kwargs)
                except on as exc:
                    log.warning("%s failed (%s), retry %d", func.__name__, exc, n + 1)
                    time.sleep(backoff * 2 ** n)
            return func(*args, **kwargs)

        return wrapper

    return decorate
