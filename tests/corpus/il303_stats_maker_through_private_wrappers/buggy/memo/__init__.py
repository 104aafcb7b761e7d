"""IL303: `memoize_method(stats=...)` hands a caller's own stats callback down through the
private wrappers into `_GuardedStatsMixin.__maker`, which `stats()` calls while holding the
wrapper's lock: a callback that calls back into the memoized method (or `clear()`) on another
thread deadlocks, a slow one stalls every cached call."""
from collections import namedtuple


class Stats(namedtuple("Stats", "hits misses size")):
    __slots__ = ()

    @classmethod
    def _build(cls, store, hits, misses):
        return cls(hits, misses, len(store))


def memoize(store, lock=None, info=False):
    from ._plain import _wrap

    def decorate(func):
        maker = Stats._build if info else None
        return _wrap(func, store, lock, maker)

    return decorate


def memoize_method(store, lock=None, stats=None):
    from ._bound import _wrap

    def decorate(method):
        return _wrap(method, store, lock, stats)

    return decorate
