import functools


def locked(fn):
    """Run the method holding the object's `_mutex`."""
    @functools.wraps(fn)
    def inner(obj, *args, **kwargs):
        with obj._mutex:
            return fn(obj, *args, **kwargs)
    return inner
